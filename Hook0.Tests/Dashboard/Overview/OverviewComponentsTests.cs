using System.Text.Json;
using Bunit;
using Hook0.Modules.Dashboard.Overview;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Organizations.Contracts;
using MudBlazor.Services;

namespace Hook0.Tests.Dashboard.Overview;

/// <summary>The overview's components render known figures: numbers in words, charts as SVG, every subscription's health.</summary>
public sealed class OverviewComponentsTests
{
    private static readonly Guid Good = Guid.Parse("0195c3a0-0000-7000-8000-000000000001");
    private static readonly Guid Bad = Guid.Parse("0195c3a0-0000-7000-8000-000000000002");
    private static readonly Guid Quiet = Guid.Parse("0195c3a0-0000-7000-8000-000000000003");
    private static readonly DateTime From = new(2026, 11, 29, 9, 0, 0, DateTimeKind.Utc);

    private static BunitContext Context()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddScoped<Hook0.Modules.Dashboard.Common.BrowserTimeZone>(context.Services); // LocalTime: UTC without a browser
        return context;
    }

    private static DeliveryAnalytics Analytics() => new(
        AnalyticsWindow.LastHour, From, From.AddHours(1), TimeSpan.FromMinutes(1), From.AddMinutes(59),
        [.. Enumerable.Range(0, 60).Select(i => new DeliveryPoint(From.AddMinutes(i), i == 10 ? 30 : 0, i == 20 ? 10 : 0))],
        new DeliveryTotals(30, 10, 0.75, new LatencyPercentiles(42, 310, 2900, 120.5, 40)),
        [new("2xx", 30), new("3xx", 0), new("4xx", 0), new("5xx", 6), new("no response", 4)],
        [new("E_HTTP", 6), new("E_TIMEOUT", 4)],
        [new(Good, 30, 0, 1.0, 40), new(Bad, 0, 10, 0.0, 800)]);

    private static SubscriptionDto Subscription(Guid id, string description, string state) => new(
        Guid.Empty, id, state != "disabled", ["billing.invoice.paid"], description, Guid.Empty, new Dictionary<string, string>(), "", "",
        new Dictionary<string, string>(), new SubscriptionTargetDto("http", "POST", $"https://example.com/{description}", new Dictionary<string, string>()),
        From, From, [], false, (JsonElement?)null, null, null, "both", "", [], null, new SubscriptionHealthDto(state, state == "failing" ? "5xx for an hour" : null, null, null, []));

    [Test]
    public async Task The_analytics_panel_shows_the_figures_and_draws_its_charts()
    {
        await using var context = Context();
        var analytics = Analytics();
        var health = ChartShaping.HealthLines([Subscription(Quiet, "quiet", "healthy"), Subscription(Bad, "bad", "failing"), Subscription(Good, "good", "healthy")], analytics.Subscriptions);
        var panel = context.Render<DeliveryAnalyticsPanel>(p => p.Add(c => c.Analytics, analytics).Add(c => c.Health, health).Add(c => c.Window, AnalyticsWindow.LastHour));

        Assert.Multiple(() =>
        {
            Assert.That(panel.Find("[data-test=analytics-total]").TextContent, Is.EqualTo("40"));
            Assert.That(panel.Find("[data-test=analytics-success-rate]").TextContent, Is.EqualTo("75.0 %"));
            Assert.That(panel.Find("[data-test=analytics-latency-p50]").TextContent, Is.EqualTo("42 ms"));
            Assert.That(panel.Find("[data-test=analytics-latency-p95]").TextContent, Is.EqualTo("310 ms"));
            Assert.That(panel.Find("[data-test=analytics-latency-p99]").TextContent, Is.EqualTo("2900 ms"));
            Assert.That(panel.Find("[data-test=analytics-window]").GetAttribute("data-window"), Is.EqualTo("1 h"));
            Assert.That(panel.Find("[data-test=analytics-deliveries-chart]").GetAttribute("data-points"), Is.EqualTo("60"));
            Assert.That(panel.FindAll("[data-test=analytics-deliveries-chart] svg"), Is.Not.Empty, "the line chart is drawn");
            Assert.That(panel.FindAll("[data-test=analytics-deliveries-chart] svg path").Count, Is.GreaterThanOrEqualTo(2), "a line per series");
            Assert.That(panel.FindAll("[data-test=analytics-status-classes] svg"), Is.Not.Empty, "the donut is drawn");
            Assert.That(panel.FindAll("[data-test^=status-class-]").Select(e => e.TextContent), Is.EqualTo(new[] { "2xx: 30", "5xx: 6", "no response: 4" }), "zero classes are left out");
            Assert.That(panel.Find("[data-test=error-class-E_HTTP]").TextContent, Does.Contain("6"));
            Assert.That(panel.Find("[data-test=error-class-E_TIMEOUT]").TextContent, Does.Contain("4"));
            Assert.That(panel.FindAll("[data-test^=subscription-health-0]").Select(e => e.GetAttribute("data-test")![20..]),
                Is.EqualTo(new[] { Good.ToString(), Bad.ToString(), Quiet.ToString() }), "every subscription, busiest first");
            Assert.That(panel.Find($"[data-test=subscription-health-{Bad}]").GetAttribute("data-state"), Is.EqualTo("failing"));
            Assert.That(panel.Find($"[data-test=subscription-health-{Bad}]").TextContent, Does.Contain("0.0 %").And.Contain("800 ms"));
            Assert.That(panel.Find($"[data-test=subscription-health-{Quiet}]").TextContent, Does.Contain("—"), "no deliveries: no rate");
        });
    }

    [Test]
    public async Task Choosing_a_window_or_a_subscription_row_is_handed_to_the_page()
    {
        await using var context = Context();
        AnalyticsWindow? window = null;
        Guid? selected = Guid.Empty;
        var analytics = Analytics();
        var panel = context.Render<DeliveryAnalyticsPanel>(p => p
            .Add(c => c.Analytics, analytics)
            .Add(c => c.Health, ChartShaping.HealthLines([Subscription(Bad, "bad", "failing")], analytics.Subscriptions))
            .Add(c => c.WindowChanged, w => window = w)
            .Add(c => c.SubscriptionIdChanged, s => selected = s));

        panel.Find("[data-test=analytics-window-7d]").Click();
        panel.Find($"[data-test=subscription-health-{Bad}]").Click();

        Assert.That((window, selected), Is.EqualTo(((AnalyticsWindow?)AnalyticsWindow.Last7Days, (Guid?)Bad)));
    }

    [Test]
    public async Task Without_deliveries_the_panel_says_so_instead_of_drawing_empty_charts()
    {
        await using var context = Context();
        var empty = new DeliveryAnalytics(AnalyticsWindow.Last24Hours, From, From.AddDays(1), TimeSpan.FromMinutes(15), null,
            [.. Enumerable.Range(0, 96).Select(i => new DeliveryPoint(From.AddMinutes(15 * i), 0, 0))], new DeliveryTotals(0, 0, null, null),
            [new("2xx", 0), new("3xx", 0), new("4xx", 0), new("5xx", 0), new("no response", 0)], [], []);
        var panel = context.Render<DeliveryAnalyticsPanel>(p => p.Add(c => c.Analytics, empty));

        Assert.Multiple(() =>
        {
            Assert.That(panel.Find("[data-test=analytics-success-rate]").TextContent, Is.EqualTo("—"));
            Assert.That(panel.Find("[data-test=analytics-latency-p99]").TextContent, Is.EqualTo("—"));
            Assert.That(panel.Find("[data-test=analytics-status-classes]").TextContent, Does.Contain("No deliveries in this window."));
            Assert.That(panel.Find("[data-test=analytics-error-classes]").TextContent, Does.Contain("No errors in this window."));
            Assert.That(panel.Find("[data-test=subscription-health]").TextContent, Does.Contain("No subscriptions yet."));
        });
    }

    [Test]
    public async Task Events_per_day_fill_the_days_without_events_and_sum_the_applications()
    {
        await using var context = Context();
        var app1 = Guid.NewGuid();
        var app2 = Guid.NewGuid();
        var from = new DateOnly(2026, 11, 1);
        EventsPerDayEntry[] entries = [new(app1, "a", from.AddDays(2), 5, false), new(app2, "b", from.AddDays(2), 7, false), new(app1, "a", from.AddDays(29), 3, true)];
        var chart = context.Render<EventsPerDayChart>(p => p.Add(c => c.Entries, entries).Add(c => c.From, from).Add(c => c.To, from.AddDays(29)));

        var (labels, values) = ChartShaping.EventsPerDay(entries, from, from.AddDays(29));
        Assert.Multiple(() =>
        {
            Assert.That(values, Has.Length.EqualTo(30));
            Assert.That(values[2], Is.EqualTo(12));
            Assert.That(values[29], Is.EqualTo(3));
            Assert.That(values.Sum(), Is.EqualTo(15));
            Assert.That(labels[0], Is.EqualTo("11-01"));
            Assert.That(chart.Find("[data-test=events-per-day-total]").TextContent, Is.EqualTo("15"));
            Assert.That(chart.FindAll("[data-test=events-per-day-chart] svg"), Is.Not.Empty);
        });
    }

    [Test]
    public async Task The_checklist_ticks_what_the_data_says_and_links_each_step()
    {
        await using var context = Context();
        var steps = OnboardingSteps.ForApplication("/organizations/o/applications/a", new ApplicationOnboarding("Done", "Done", "ToDo"), delivered: false);
        var checklist = context.Render<OnboardingChecklist>(p => p.Add(c => c.Steps, steps));

        Assert.Multiple(() =>
        {
            Assert.That(checklist.FindAll("[data-test^=onboarding-step-]").Select(e => (e.GetAttribute("data-test"), e.GetAttribute("data-done"))),
                Is.EqualTo(new[] { ("onboarding-step-event-type", "true"), ("onboarding-step-subscription", "true"), ("onboarding-step-first-event", "false"), ("onboarding-step-first-delivery", "false") }));
            Assert.That(checklist.Find("[data-test=onboarding-checklist]").TextContent, Does.Contain("Getting started (2 / 4)"));
            Assert.That(steps.Select(s => s.Href), Is.EqualTo(new[]
            {
                "/organizations/o/applications/a/event-types", "/organizations/o/applications/a/subscriptions/new",
                "/organizations/o/applications/a/subscriptions", "/organizations/o/applications/a/overview",
            }));
        });
    }

    [Test]
    public async Task Quotas_show_use_against_limits_and_unlimited_ones_without_a_bar()
    {
        await using var context = Context();
        var organization = new OrganizationInfo(Guid.NewGuid(), "Acme", null, [], new OrganizationQuotas(5, 10, 1000, 7), new OrganizationConsumption(2, 10, 950), new OrganizationOnboarding("Done", "ToDo", "ToDo", "ToDo"));
        var quotas = context.Render<QuotaPanel>(p => p.Add(c => c.Lines, ChartShaping.Quotas(organization)));
        var app = new ApplicationInfo(Guid.NewGuid(), Guid.NewGuid(), "Billing", new ApplicationQuotas(1000, 7), new ApplicationConsumption(3), new ApplicationOnboarding("Done", "ToDo", "ToDo"), PayloadSearch: false);

        Assert.Multiple(() =>
        {
            Assert.That(quotas.Find("[data-test=quota-members]").TextContent, Does.Contain("Members: 2").And.Contain("/ 5"));
            Assert.That(quotas.Find("[data-test=quota-applications-used]").TextContent, Is.EqualTo("10"));
            Assert.That(quotas.FindAll(".mud-progress-linear"), Has.Count.EqualTo(3));
            Assert.That(ChartShaping.Quotas(organization).Select(q => q.Percent), Is.EqualTo(new[] { 40.0, 100.0, 95.0 }));
            Assert.That(ChartShaping.Quotas(app, null, 4, 2).Select(q => q.Limit), Is.EqualTo(new long?[] { 1000, null, null }), "limits not enforced read as unlimited");
            Assert.That(ChartShaping.Quotas(app, new ApplicationQuotaLimits(true, 1000, 7, 10, 20), 4, 2).Select(q => q.Limit), Is.EqualTo(new long?[] { 1000, 10, 20 }));
        });
    }
}
