using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Organizations.Access;

/// <summary>
/// One organization with an editor, a viewer, a service token, an application (with its secret, an
/// event type, a subscription and an event), and an outsider organization with its own editor and
/// service token: every kind of caller the role matrix asks about.
/// </summary>
public sealed class AccessWorld
{
    public required Guid OrganizationId { get; init; }
    public required Guid ApplicationId { get; init; }
    public required string EventType { get; init; }
    public required Guid SubscriptionId { get; init; }
    public required Guid EventId { get; init; }
    public required Guid AttemptId { get; init; }
    public required Guid SpareUserId { get; init; }
    public required string SpareEmail { get; init; }

    /// <summary>The spare user's session: invitations to them take their acceptance.</summary>
    public required Session SpareSession { get; init; }
    public required IReadOnlyDictionary<Credential, string> Bearers { get; init; }

    public static async Task<AccessWorld> CreateAsync(HttpClient master)
    {
        var accounts = new UserAccounts(ApiFixture.Factory);
        var (editor, organizationId) = await accounts.UserAsync("editor@example.com", "Eda", "Editor");
        var (invitedViewer, _) = await accounts.UserAsync("viewer@example.com", "Vic", "Viewer");
        var (outsider, outsiderOrganizationId) = await accounts.UserAsync("outsider@example.com", "Otto", "Outsider");
        var spare = await accounts.RegisterAsync("spare@example.com", "Sam", "Spare");
        var spareSession = await accounts.VerifyAsync("spare@example.com");
        await Send(master, HttpMethod.Post, $"/api/v1/organizations/{organizationId}/invite", new { email = "viewer@example.com", role = "viewer" });
        await accounts.AcceptInvitationsAsync(invitedViewer);
        // Roles are fixed when a token is issued: the viewer logs in after accepting the invitation.
        var viewer = await accounts.LoginAsync("viewer@example.com");

        var scenario = new Scenario(master);
        var applicationId = await scenario.ApplicationAsync(organizationId);
        var secret = await scenario.SecretAsync(applicationId);
        var eventType = await scenario.EventTypeAsync(applicationId);
        var subscription = await scenario.SubscriptionAsync(applicationId, [eventType]);
        var eventId = await scenario.IngestAsync(applicationId, eventType);
        // The event's attempt, unfinished (the queue) or finished (the history), ADR 0016.
        var attemptId = await ApiFixture.Database.ScalarAsync<Guid>($"""
            SELECT request_attempt_id FROM webhook.delivery_queue WHERE event_id = '{eventId}'
            UNION ALL SELECT request_attempt_id FROM webhook.attempt WHERE event_id = '{eventId}' LIMIT 1
            """);

        return new AccessWorld
        {
            OrganizationId = organizationId,
            ApplicationId = applicationId,
            EventType = eventType,
            SubscriptionId = subscription["subscription_id"]!.GetValue<Guid>(),
            EventId = eventId,
            AttemptId = attemptId,
            SpareUserId = spare["user_id"]!.GetValue<Guid>(),
            SpareEmail = "spare@example.com",
            SpareSession = spareSession,
            Bearers = new Dictionary<Credential, string>
            {
                [Credential.Editor] = editor.AccessToken,
                [Credential.Viewer] = viewer.AccessToken,
                [Credential.ServiceToken] = await ServiceTokenAsync(master, organizationId),
                [Credential.Master] = Hook0Factory.MasterKey,
                [Credential.ApplicationSecret] = secret,
                [Credential.OutsiderEditor] = outsider.AccessToken,
                [Credential.OutsiderServiceToken] = await ServiceTokenAsync(master, outsiderOrganizationId),
            },
        };
    }

    public static async Task<JsonNode?> Send(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static async Task<string> ServiceTokenAsync(HttpClient master, Guid organizationId)
        => (await Send(master, HttpMethod.Post, "/api/v1/service_token", new { organization_id = organizationId, name = "matrix" }))!["biscuit"]!.GetValue<string>();
}

/// <summary>The callers of the role matrix.</summary>
public enum Credential
{
    OutsiderEditor,
    OutsiderServiceToken,
    Viewer,
    ServiceToken,
    Master,
    Editor,
    ApplicationSecret,
}
