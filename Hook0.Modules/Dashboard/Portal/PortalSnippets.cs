namespace Hook0.Modules.Dashboard.Portal;

/// <summary>
/// How a producer's backend mints a portal link for one of its customers, to put in its own page (an iframe's
/// <c>src</c>, or a link): a service token's call to <c>POST /api/v1/portal_sessions</c>, once per render (a link opens
/// once). In the three forms backends most often take; none needs a package.
/// </summary>
public static class PortalSnippets
{
    public static IReadOnlyList<(string Language, string Code)> All(string instanceUrl, Guid applicationId) =>
    [
        ("C#", CSharp(instanceUrl, applicationId)),
        ("Node", Node(instanceUrl, applicationId)),
        ("curl", Curl(instanceUrl, applicationId)),
    ];

    public static string CSharp(string instanceUrl, Guid applicationId) => $$"""
        // HOOK0_TOKEN: a service token of the organization (never sent to the browser).
        using var hook0 = new HttpClient { BaseAddress = new Uri("{{instanceUrl}}") };
        hook0.DefaultRequestHeaders.Authorization = new("Bearer", Environment.GetEnvironmentVariable("HOOK0_TOKEN"));
        var response = await hook0.PostAsJsonAsync("/api/v1/portal_sessions", new
        {
            application_id = "{{applicationId}}",
            labels = new Dictionary<string, string> { ["tenant_id"] = customer.Id },
            read_only = false,
            lifetime_in_s = 3600,
        });
        response.EnsureSuccessStatusCode();
        var portalUrl = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString();
        // Render <iframe src="{portalUrl}"> in your page: a link opens once, so mint one per render.
        """;

    public static string Node(string instanceUrl, Guid applicationId) => $$"""
        // HOOK0_TOKEN: a service token of the organization (never sent to the browser).
        const response = await fetch("{{instanceUrl}}/api/v1/portal_sessions", {
          method: "POST",
          headers: { "Authorization": `Bearer ${process.env.HOOK0_TOKEN}`, "Content-Type": "application/json" },
          body: JSON.stringify({
            application_id: "{{applicationId}}",
            labels: { tenant_id: customer.id },
            read_only: false,
            lifetime_in_s: 3600,
          }),
        });
        if (!response.ok) throw new Error(`Hook0 answered ${response.status}`);
        const { url } = await response.json();
        // Render <iframe src={url}> in your page: a link opens once, so mint one per render.
        """;

    public static string Curl(string instanceUrl, Guid applicationId) => $$"""
        curl -sS -X POST "{{instanceUrl}}/api/v1/portal_sessions" \
          -H "Authorization: Bearer $HOOK0_TOKEN" -H "Content-Type: application/json" \
          -d '{"application_id": "{{applicationId}}", "labels": {"tenant_id": "42"}, "read_only": false, "lifetime_in_s": 3600}'
        """;
}
