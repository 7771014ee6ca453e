using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.Access;

/// <summary>Every protected route, with a request that succeeds for an allowed caller.</summary>
public static class RouteTable
{
    private static readonly int[] Ok = [200];
    private static readonly int[] Created = [201];
    private static readonly int[] NoContent = [204];

    public static IReadOnlyList<MatrixRoute> All { get; } =
    [
        // Organizations and members.
        new("GET", "/api/v1/organizations", ActionKind.OrganizationList, false, (w, m, c) => Url("/api/v1/organizations"), Ok),
        new("POST", "/api/v1/organizations", ActionKind.OrganizationCreate, false, (w, m, c) => Url("/api/v1/organizations", new { name = "Another one" }), Ok),
        new("GET", "/api/v1/organizations/{organization_id:guid}", ActionKind.Read, false, (w, m, c) => Url($"/api/v1/organizations/{w.OrganizationId}"), Ok),
        new("PUT", "/api/v1/organizations/{organization_id:guid}", ActionKind.Write, false, (w, m, c) => Url($"/api/v1/organizations/{w.OrganizationId}", new { name = "Renamed" }), Ok),
        // The world's organization owns an application: an allowed caller reaches the emptiness check.
        new("DELETE", "/api/v1/organizations/{organization_id:guid}", ActionKind.Write, false, (w, m, c) => Url($"/api/v1/organizations/{w.OrganizationId}"), 409),
        new("POST", "/api/v1/organizations/{organization_id:guid}/invite", ActionKind.Write, false, async (w, m, c) =>
        {
            await AccessWorld.Send(m, HttpMethod.Delete, $"/api/v1/organizations/{w.OrganizationId}/invite", new { user_id = w.SpareUserId });
            return ($"/api/v1/organizations/{w.OrganizationId}/invite", new { email = w.SpareEmail, role = "viewer" });
        }, Ok),
        new("PUT", "/api/v1/organizations/{organization_id:guid}/invite", ActionKind.Write, false, async (w, m, c) =>
        {
            await EnsureSpareMemberAsync(w, m);
            return ($"/api/v1/organizations/{w.OrganizationId}/invite", new { user_id = w.SpareUserId, role = "editor" });
        }, Ok),
        new("DELETE", "/api/v1/organizations/{organization_id:guid}/invite", ActionKind.Write, false, async (w, m, c) =>
        {
            await EnsureSpareMemberAsync(w, m);
            return ($"/api/v1/organizations/{w.OrganizationId}/invite", new { user_id = w.SpareUserId });
        }, Ok),

        // Invitations (ADR 0015): editors list and cancel their organization's; a user answers their own.
        new("GET", "/api/v1/organizations/{organization_id:guid}/invitations", ActionKind.Write, false,
            (w, m, c) => Url($"/api/v1/organizations/{w.OrganizationId}/invitations"), Ok),
        new("DELETE", "/api/v1/organizations/{organization_id:guid}/invitations/{invitation_id:guid}", ActionKind.Write, false, async (w, m, c) =>
            ($"/api/v1/organizations/{w.OrganizationId}/invitations/{await SpareInvitationAsync(w, m)}", null), NoContent),
        new("GET", "/api/v1/invitations", ActionKind.SessionOnly, false, (w, m, c) => Url("/api/v1/invitations"), Ok),
        // Another user's invitation id: a session reaches the lookup, which finds nothing addressed to it.
        new("POST", "/api/v1/invitations/{invitation_id:guid}/accept", ActionKind.SessionOnly, false, async (w, m, c) =>
            ($"/api/v1/invitations/{await SpareInvitationAsync(w, m)}/accept", null), 404),
        new("POST", "/api/v1/invitations/{invitation_id:guid}/decline", ActionKind.SessionOnly, false, async (w, m, c) =>
            ($"/api/v1/invitations/{await SpareInvitationAsync(w, m)}/decline", null), 404),

        // Operational webhooks (ADR 0008): finding the system application is reading the organization.
        new("GET", "/api/v1/organizations/{organization_id:guid}/operational_webhooks", ActionKind.Read, false,
            (w, m, c) => Url($"/api/v1/organizations/{w.OrganizationId}/operational_webhooks"), Ok),

        // The audit log (issue #28): editors only; a viewer reads the organization, not who changed it.
        new("GET", "/api/v1/organizations/{organization_id:guid}/audit", ActionKind.Write, false,
            (w, m, c) => Url($"/api/v1/organizations/{w.OrganizationId}/audit"), Ok),

        // Service tokens (editor-only, organization-level).
        new("GET", "/api/v1/service_token", ActionKind.Write, false, (w, m, c) => Url($"/api/v1/service_token?organization_id={w.OrganizationId}"), Ok),
        new("POST", "/api/v1/service_token", ActionKind.Write, false, (w, m, c) => Url("/api/v1/service_token", new { organization_id = w.OrganizationId, name = "more" }), Created),
        new("GET", "/api/v1/service_token/{service_token_id:guid}", ActionKind.Write, false, async (w, m, c) =>
            ($"/api/v1/service_token/{await ServiceTokenIdAsync(w, m)}?organization_id={w.OrganizationId}", null), Ok),
        new("PUT", "/api/v1/service_token/{service_token_id:guid}", ActionKind.Write, false, async (w, m, c) =>
            ($"/api/v1/service_token/{await ServiceTokenIdAsync(w, m)}", new { organization_id = w.OrganizationId, name = "renamed" }), Ok),
        new("DELETE", "/api/v1/service_token/{service_token_id:guid}", ActionKind.Write, false, async (w, m, c) =>
            ($"/api/v1/service_token/{await ServiceTokenIdAsync(w, m)}?organization_id={w.OrganizationId}", null), NoContent),

        // Applications and their secrets.
        new("GET", "/api/v1/applications", ActionKind.Read, false, (w, m, c) => Url($"/api/v1/applications?organization_id={w.OrganizationId}"), Ok),
        new("POST", "/api/v1/applications", ActionKind.Write, false, (w, m, c) => Url("/api/v1/applications", new { organization_id = w.OrganizationId, name = "Fresh" }), Created),
        new("GET", "/api/v1/applications/{application_id:guid}", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/applications/{w.ApplicationId}"), Ok),
        new("PUT", "/api/v1/applications/{application_id:guid}", ActionKind.Write, true, (w, m, c) =>
            Url($"/api/v1/applications/{w.ApplicationId}", new { organization_id = w.OrganizationId, name = "Billing v2" }), Ok),
        // An application secret may delete only its own application (the world's, tried last); others get a fresh one.
        new("DELETE", "/api/v1/applications/{application_id:guid}", ActionKind.Write, true, async (w, m, c) =>
            ($"/api/v1/applications/{(c == Credential.ApplicationSecret ? w.ApplicationId : await new Scenario(m).ApplicationAsync(w.OrganizationId, "Doomed"))}", null), NoContent),
        new("GET", "/api/v1/application_secrets", ActionKind.Write, true, (w, m, c) => Url($"/api/v1/application_secrets?application_id={w.ApplicationId}"), Ok),
        new("POST", "/api/v1/application_secrets", ActionKind.Write, true, (w, m, c) => Url("/api/v1/application_secrets", new { application_id = w.ApplicationId, name = "extra" }), Created),
        new("PUT", "/api/v1/application_secrets/{token:guid}", ActionKind.Write, true, async (w, m, c) =>
            ($"/api/v1/application_secrets/{await SecretAsync(w, m)}", new { application_id = w.ApplicationId, name = "renamed" }), Ok),
        new("DELETE", "/api/v1/application_secrets/{token:guid}", ActionKind.Write, true, async (w, m, c) =>
            ($"/api/v1/application_secrets/{await SecretAsync(w, m)}?application_id={w.ApplicationId}", null), NoContent),

        // Event types.
        new("GET", "/api/v1/event_types", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/event_types?application_id={w.ApplicationId}"), Ok),
        new("POST", "/api/v1/event_types", ActionKind.Write, true, (w, m, c) =>
            Url("/api/v1/event_types", new { application_id = w.ApplicationId, service = "billing", resource_type = "refund", verb = "issued" }), Created),
        new("GET", "/api/v1/event_types/{event_type_name}", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/event_types/{w.EventType}?application_id={w.ApplicationId}"), Ok),
        new("DELETE", "/api/v1/event_types/{event_type_name}", ActionKind.Write, true, async (w, m, c) =>
        {
            var name = await new Scenario(m).EventTypeAsync(w.ApplicationId, "shop", "cart", "emptied");
            return ($"/api/v1/event_types/{name}?application_id={w.ApplicationId}", null);
        }, NoContent),
        // The event catalog (ADR 0027): read like the event types.
        new("GET", "/api/v1/applications/{application_id:guid}/asyncapi.json", ActionKind.Read, true,
            (w, m, c) => Url($"/api/v1/applications/{w.ApplicationId}/asyncapi.json"), Ok),
        new("GET", "/api/v1/applications/{application_id:guid}/asyncapi.yaml", ActionKind.Read, true,
            (w, m, c) => Url($"/api/v1/applications/{w.ApplicationId}/asyncapi.yaml"), Ok),

        // Subscriptions.
        new("GET", "/api/v1/subscriptions", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/subscriptions?application_id={w.ApplicationId}"), Ok),
        new("POST", "/api/v1/subscriptions", ActionKind.Write, true, (w, m, c) => Url("/api/v1/subscriptions", RoleMatrixTests.SubscriptionBody(w.ApplicationId, w.EventType)), Created),
        new("GET", "/api/v1/subscriptions/{subscription_id:guid}", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/subscriptions/{w.SubscriptionId}"), Ok),
        new("PUT", "/api/v1/subscriptions/{subscription_id:guid}", ActionKind.Write, true, (w, m, c) =>
            Url($"/api/v1/subscriptions/{w.SubscriptionId}", RoleMatrixTests.SubscriptionBody(w.ApplicationId, w.EventType)), Ok),
        new("DELETE", "/api/v1/subscriptions/{subscription_id:guid}", ActionKind.Write, true, async (w, m, c) =>
            ($"/api/v1/subscriptions/{await SubscriptionIdAsync(w, m)}?application_id={w.ApplicationId}", null), NoContent),
        new("POST", "/api/v1/subscriptions/{subscription_id:guid}/pause", ActionKind.Write, true, (w, m, c) =>
            Url($"/api/v1/subscriptions/{w.SubscriptionId}/pause", new { application_id = w.ApplicationId }), Ok),
        new("POST", "/api/v1/subscriptions/{subscription_id:guid}/secret/rotate", ActionKind.Write, true, async (w, m, c) =>
            ($"/api/v1/subscriptions/{await SubscriptionIdAsync(w, m)}/secret/rotate", new { application_id = w.ApplicationId }), Ok),
        new("POST", "/api/v1/subscriptions/{subscription_id:guid}/resume", ActionKind.Write, true, (w, m, c) =>
            Url($"/api/v1/subscriptions/{w.SubscriptionId}/resume", new { application_id = w.ApplicationId }), Ok),
        new("POST", "/api/v1/subscriptions/{subscription_id:guid}/circuit/reset", ActionKind.Write, true, (w, m, c) =>
            Url($"/api/v1/subscriptions/{w.SubscriptionId}/circuit/reset", new { application_id = w.ApplicationId }), Ok),
        new("POST", "/api/v1/subscriptions/{subscription_id:guid}/secret/rotate", ActionKind.Write, true, (w, m, c) =>
            Url($"/api/v1/subscriptions/{w.SubscriptionId}/secret/rotate", new { application_id = w.ApplicationId }), Ok),

        // Events.
        new("POST", "/api/v1/event", ActionKind.Write, true, (w, m, c) => Url("/api/v1/event", Scenario.Event(w.ApplicationId, w.EventType)), Created),
        new("POST", "/api/v1/events/batch", ActionKind.Write, true, (w, m, c) => Url("/api/v1/events/batch", new[] { Scenario.Event(w.ApplicationId, w.EventType) }), 207),
        new("GET", "/api/v1/events", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/events?application_id={w.ApplicationId}"), Ok),
        new("GET", "/api/v1/events/{event_id:guid}", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/events/{w.EventId}?application_id={w.ApplicationId}"), Ok),
        new("POST", "/api/v1/events/{event_id:guid}/replay", ActionKind.Write, true, (w, m, c) =>
            Url($"/api/v1/events/{w.EventId}/replay", new { application_id = w.ApplicationId }), NoContent),
        new("POST", "/api/v1/events/replay", ActionKind.Write, true, (w, m, c) => Url("/api/v1/events/replay", new
        {
            application_id = w.ApplicationId,
            from = DateTimeOffset.UtcNow.AddHours(-1),
            to = DateTimeOffset.UtcNow.AddHours(1),
        }), Ok),
        new("GET", "/api/v1/events_per_day/application", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/events_per_day/application?application_id={w.ApplicationId}"), Ok),
        new("GET", "/api/v1/events_per_day/organization", ActionKind.Read, false, (w, m, c) => Url($"/api/v1/events_per_day/organization?organization_id={w.OrganizationId}"), Ok),

        // Delivery logs and dead letters.
        new("GET", "/api/v1/request_attempts", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/request_attempts?application_id={w.ApplicationId}"), Ok),
        new("GET", "/api/v1/request_attempts/stream", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/request_attempts/stream?application_id={w.ApplicationId}"), Ok),
        new("GET", "/api/v1/request_attempts/{request_attempt_id:guid}", ActionKind.Read, true, (w, m, c) =>
            Url($"/api/v1/request_attempts/{w.AttemptId}?application_id={w.ApplicationId}"), Ok),
        // No delivery happened (workers are off): an allowed caller gets past authorization to the lookup.
        new("GET", "/api/v1/responses/{response_id:guid}", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/responses/{Guid.NewGuid()}?application_id={w.ApplicationId}"), 404),
        new("GET", "/api/v1/dead_letters", ActionKind.Read, true, (w, m, c) => Url($"/api/v1/dead_letters?application_id={w.ApplicationId}"), Ok),
        new("POST", "/api/v1/dead_letters/retry", ActionKind.Write, true, (w, m, c) => Url("/api/v1/dead_letters/retry", new { application_id = w.ApplicationId }), Ok),
        // The world's attempt is pending, not dead: an allowed caller reaches that check.
        new("POST", "/api/v1/dead_letters/{request_attempt_id:guid}/retry", ActionKind.Write, true, (w, m, c) =>
            Url($"/api/v1/dead_letters/{w.AttemptId}/retry", new { application_id = w.ApplicationId }), 404, 409),

        // Customer portal (ADR 0028): sessions are issued by revocable credentials; settings are the application's.
        new("POST", "/api/v1/portal_sessions", ActionKind.PortalIssue, true, (w, m, c) =>
            Url("/api/v1/portal_sessions", new { application_id = w.ApplicationId, labels = new Dictionary<string, string> { ["tenant_id"] = "42" } }), Created),
        new("DELETE", "/api/v1/portal_sessions/{portal_session_id:guid}", ActionKind.Write, true, async (w, m, c) =>
            ($"/api/v1/portal_sessions/{(await AccessWorld.Send(As(w.Bearers[Credential.ServiceToken]), HttpMethod.Post, "/api/v1/portal_sessions",
                new { application_id = w.ApplicationId, labels = new Dictionary<string, string> { ["tenant_id"] = "42" } }))!["portal_session_id"]!.GetValue<Guid>()}", null), NoContent),
        new("GET", "/api/v1/applications/{application_id:guid}/portal_settings", ActionKind.Read, true, (w, m, c) =>
            Url($"/api/v1/applications/{w.ApplicationId}/portal_settings"), Ok),
        new("PUT", "/api/v1/applications/{application_id:guid}/portal_settings", ActionKind.Write, true, (w, m, c) =>
            Url($"/api/v1/applications/{w.ApplicationId}/portal_settings", new { allowed_origins = new[] { "https://app.example.com" }, theme = "dark" }), Ok),

        // Session-only.
        new("POST", "/api/v1/auth/logout", ActionKind.SessionOnly, false, (w, m, c) => Url("/api/v1/auth/logout"), NoContent),
        new("POST", "/api/v1/auth/password", ActionKind.SessionOnly, false, (w, m, c) => Url("/api/v1/auth/password", new { new_password = "Matrix-Passphrase-2026" }), NoContent),
    ];

    private static HttpClient As(string bearer)
    {
        var client = ApiFixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    private static Task<(string Url, object? Body)> Url(string url, object? body = null) => Task.FromResult((url, body));

    private static async Task EnsureSpareMemberAsync(AccessWorld w, HttpClient master)
    {
        await AccessWorld.Send(master, HttpMethod.Post, $"/api/v1/organizations/{w.OrganizationId}/invite", new { email = w.SpareEmail, role = "viewer" });
        await new UserAccounts(ApiFixture.Factory).AcceptInvitationsAsync(w.SpareSession);
    }

    private static async Task<Guid> SpareInvitationAsync(AccessWorld w, HttpClient master)
    {
        await AccessWorld.Send(master, HttpMethod.Delete, $"/api/v1/organizations/{w.OrganizationId}/invite", new { user_id = w.SpareUserId });
        await AccessWorld.Send(master, HttpMethod.Post, $"/api/v1/organizations/{w.OrganizationId}/invite", new { email = w.SpareEmail, role = "viewer" });
        return (await AccessWorld.Send(master, HttpMethod.Get, $"/api/v1/organizations/{w.OrganizationId}/invitations"))!.AsArray()
            .Single(i => i!["email"]!.GetValue<string>() == w.SpareEmail)!["invitation_id"]!.GetValue<Guid>();
    }

    private static async Task<Guid> ServiceTokenIdAsync(AccessWorld w, HttpClient master)
        => (await AccessWorld.Send(master, HttpMethod.Post, "/api/v1/service_token", new { organization_id = w.OrganizationId, name = "victim" }))!["token_id"]!.GetValue<Guid>();

    private static async Task<Guid> SecretAsync(AccessWorld w, HttpClient master)
        => (await AccessWorld.Send(master, HttpMethod.Post, "/api/v1/application_secrets", new { application_id = w.ApplicationId, name = "victim" }))!["token"]!.GetValue<Guid>();

    private static async Task<Guid> SubscriptionIdAsync(AccessWorld w, HttpClient master)
        => (await new Scenario(master).SubscriptionAsync(w.ApplicationId, [w.EventType]))["subscription_id"]!.GetValue<Guid>();
}
