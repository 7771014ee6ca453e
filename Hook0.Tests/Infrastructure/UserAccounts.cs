using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hook0.Tests.Infrastructure;

/// <summary>User accounts through the public API: register, follow the e-mailed link, log in.</summary>
public sealed class UserAccounts(Hook0Factory factory)
{
    public const string Password = "Correct-Horse-Battery-42";

    public async Task<JsonNode> RegisterAsync(string email, string firstName = "Ada", string lastName = "Lovelace", string password = Password)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/register", new { first_name = firstName, last_name = lastName, email, password });
        var text = await response.Content.ReadAsStringAsync();
        return (int)response.StatusCode == 201 ? JsonNode.Parse(text)! : throw new InvalidOperationException($"register: {(int)response.StatusCode} {text}");
    }

    /// <summary>Follows the verification link sent to <paramref name="email"/>; the answer is a session.</summary>
    public async Task<Session> VerifyAsync(string email)
    {
        using var client = factory.CreateClient();
        var token = factory.Mailbox.LatestToken(email, "/verify-email");
        return await SessionFromAsync(await client.PostAsJsonAsync("/api/v1/auth/verify-email", new { token }));
    }

    public async Task<Session> LoginAsync(string email, string password = Password)
    {
        using var client = factory.CreateClient();
        return await SessionFromAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password }));
    }

    /// <summary>A verified user with a fresh session, and their personal organization.</summary>
    public async Task<(Session Session, Guid PersonalOrganizationId)> UserAsync(string email, string firstName = "Ada", string lastName = "Lovelace")
    {
        var registration = await RegisterAsync(email, firstName, lastName);
        var session = await VerifyAsync(email);
        return (session, registration["organization_id"]!.GetValue<Guid>());
    }

    /// <summary>Accepts every pending invitation of the session's user (nobody joins without accepting, ADR 0015); answers how many.</summary>
    public async Task<int> AcceptInvitationsAsync(Session session)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", session.AccessToken);
        var pending = JsonNode.Parse(await client.GetStringAsync("/api/v1/invitations"))!.AsArray();
        foreach (var invitation in pending)
        {
            var accepted = await client.PostAsync($"/api/v1/invitations/{invitation!["invitation_id"]!.GetValue<Guid>()}/accept", null);
            if ((int)accepted.StatusCode != 200)
            {
                throw new InvalidOperationException($"accept: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
            }
        }

        return pending.Count;
    }

    private static async Task<Session> SessionFromAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"session: {(int)response.StatusCode} {text}");
        }

        var json = JsonNode.Parse(text)!;
        return new Session(json["access_token"]!.GetValue<string>(), json["refresh_token"]!.GetValue<string>(), json["user_id"]!.GetValue<Guid>());
    }
}

/// <summary>A user session's tokens.</summary>
public sealed record Session(string AccessToken, string RefreshToken, Guid UserId);
