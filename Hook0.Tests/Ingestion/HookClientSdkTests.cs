using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Ingestion;

/// <summary>The published <c>hook0-client</c> npm SDK (1.1.0), unmodified, against this server over real HTTP.</summary>
[NonParallelizable]
public sealed class HookClientSdkTests : ApiTest
{
    [Test]
    public async Task The_npm_sdk_upserts_event_types_and_sends_events()
    {
        await using var server = ServerProcess.Start(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString,
            ["MASTER_API_KEY"] = Hook0Factory.MasterKey,
            ["NO_AUTO_DB_MIGRATION"] = "true",
        });
        await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        var scenario = new Scenario(http);
        var app = await scenario.ApplicationAsync(await scenario.OrganizationAsync());
        var secret = await scenario.SecretAsync(app);

        var output = await NodeRunner.RunAsync("sdk/send-events.cjs", $"{server.BaseAddress}api/v1/", app.ToString(), secret);
        var result = JsonNode.Parse(output)!;

        Assert.Multiple(async () =>
        {
            Assert.That(result["added"]!.ToJsonString(), Is.EqualTo("[\"billing.invoice.paid\",\"billing.invoice.voided\"]"));
            Assert.That(result["addedAgain"]!.AsArray(), Is.Empty, "the second upsert finds the type already there");
            Assert.That(result["duplicateRefused"]!.GetValue<bool>(), Is.True);
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM event.event WHERE application_id = '{app}'"), Is.EqualTo(2));
            Assert.That(await Database.ScalarAsync<string>($"SELECT convert_from(payload, 'UTF8') FROM event.event WHERE event_id = '{result["events"]![0]}'"),
                Is.EqualTo("{\"amount\":42}"));
        });
        await server.StopAsync();
    }
}
