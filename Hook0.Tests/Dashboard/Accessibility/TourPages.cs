using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace Hook0.Tests.Dashboard.Accessibility;

/// <summary>
/// A dashboard page to visit: its route template, the address filled from the seed, whether it needs a session, and
/// <c>Ready</c>, a <c>data-test</c> name present once the page shows the seeded data (null: no loading indicator left).
/// </summary>
public sealed record TourPage(string Template, string Address, bool SignedIn, string? Ready)
{
    /// <summary>A file name for the page's screenshots: the template without the organization/application prefix.</summary>
    public string Slug
    {
        get
        {
            var path = Template.Replace("/organizations/{OrganizationId:guid}/applications/{ApplicationId:guid}", "/application", StringComparison.Ordinal)
                .Replace("/organizations/{OrganizationId:guid}", "/organization", StringComparison.Ordinal);
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.StartsWith('{') ? p.Trim('{', '}').Split(':')[0].Replace("Id", "", StringComparison.Ordinal).ToLowerInvariant() : p);
            return string.Join('-', parts) is { Length: > 0 } slug ? slug : "home";
        }
    }
}

/// <summary>Which pages the accessibility and phone-width test visits.</summary>
public static partial class TourPages
{
    /// <summary>Pages for someone who is not signed in (the rest need a session).</summary>
    private static readonly HashSet<string> Anonymous = ["/login", "/register", "/forgot-password", "/reset-password", "/verify-email"];

    /// <summary>
    /// The most-used pages, checked in CI: the way in, the organization and application pages, and what a developer
    /// debugging a delivery reads (events, an event, the logs, an attempt), with what shows each has its data.
    /// </summary>
    private static readonly Dictionary<string, string> MostUsed = new(StringComparer.Ordinal)
    {
        ["/login"] = "login",
        ["/register"] = "register",
        ["/"] = "organization-link",
        ["/organizations/{OrganizationId:guid}"] = "application-link",
        ["/organizations/{OrganizationId:guid}/applications/{ApplicationId:guid}/overview"] = "overview-title",
        ["/organizations/{OrganizationId:guid}/applications/{ApplicationId:guid}/events"] = "event-row",
        ["/organizations/{OrganizationId:guid}/applications/{ApplicationId:guid}/events/{EventId:guid}"] = "event-attempt-row",
        ["/organizations/{OrganizationId:guid}/applications/{ApplicationId:guid}/logs"] = "attempt-row",
        ["/organizations/{OrganizationId:guid}/applications/{ApplicationId:guid}/logs/{AttemptId:guid}"] = "response-status",
        ["/organizations/{OrganizationId:guid}/applications/{ApplicationId:guid}/subscriptions"] = "subscription-row",
        ["/organizations/{OrganizationId:guid}/applications/{ApplicationId:guid}/subscriptions/{SubscriptionId:guid}"] = "standard-secret",
        ["/organizations/{OrganizationId:guid}/applications/{ApplicationId:guid}/event-types"] = "event-type-row",
        ["/organizations/{OrganizationId:guid}/service-tokens"] = "token-row",
        ["/organizations/{OrganizationId:guid}/audit"] = "audit-row",
        ["/account"] = "session-row",
    };

    /// <summary>
    /// What shows each customer-portal page has its data. The tour visits them through the seed's portal link (CI checks
    /// them in <c>PortalBrowserTests</c>, framed and as a page, so they are not among the most-used pages here).
    /// </summary>
    private static readonly Dictionary<string, string> PortalReady = new(StringComparer.Ordinal)
    {
        ["/portal/{ApplicationId:guid}"] = "endpoint-row",
        ["/portal/{ApplicationId:guid}/endpoints/{SubscriptionId:guid}"] = "delivery-row",
        ["/portal/{ApplicationId:guid}/attempts/{AttemptId:guid}"] = "attempt-status",
        ["/portal/{ApplicationId:guid}/event-types"] = "event-type",
    };

    /// <summary>A customer-portal page: needs the seed's portal link opened first, not a dashboard session.</summary>
    public static bool IsPortal(string template) => template.StartsWith("/portal/", StringComparison.Ordinal);

    /// <summary>Every <c>@page</c> route of the dashboard, read from the components' <see cref="RouteAttribute"/>s.</summary>
    public static IReadOnlyList<string> AllTemplates()
        => [.. typeof(Hook0.Modules.ModulesRegistration).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>The most-used pages (CI), or with <paramref name="everyPage"/> every page of the dashboard (the tour command).</summary>
    public static IReadOnlyList<TourPage> For(TourSeed seed, bool everyPage)
    {
        IReadOnlyList<string> templates = everyPage ? AllTemplates() : [.. MostUsed.Keys];
        return [.. templates.Select(t => new TourPage(t, Fill(t, seed.RouteValues), !Anonymous.Contains(t), MostUsed.GetValueOrDefault(t) ?? PortalReady.GetValueOrDefault(t)))
            .OrderBy(p => p.SignedIn)]; // the signed-out pages first, before the test logs in
    }

    /// <summary>Fills <c>{Name}</c> or <c>{Name:constraint}</c> from the seed; a parameter the seed has no value for fails loudly.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, Guid> values)
        => Parameter().Replace(template, m => values.TryGetValue(m.Groups["name"].Value, out var value)
            ? value.ToString()
            : throw new InvalidOperationException($"The tour has no value for the route parameter {m.Value} of {template}: add it to TourSeed."));

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[a-z]+)?\??\}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Parameter();
}
