using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Samples;

/// <summary>
/// The two samples as an operator runs them, each its own process next to the built server: a request to the
/// producer becomes an event, which the server delivers, signed, to the receiver, which verifies it.
/// </summary>
[NonParallelizable]
public sealed class SamplesTests : ApiTest
{
    private static string Sample(string name)
        => Path.Combine(RepositoryPaths.Root, "samples", name, "bin", RepositoryPaths.Configuration, "net10.0", $"Hook0.Samples.{name}.dll");

    [Test]
    public async Task An_invoice_paid_at_the_producer_reaches_the_receiver_verified()
    {
        await using var server = ServerProcess.Start(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString,
            ["MASTER_API_KEY"] = Hook0Factory.MasterKey,
            ["NO_AUTO_DB_MIGRATION"] = "true",
            ["DISABLE_TARGET_IP_CHECK"] = "true",
            ["DELIVERY_POLL_INTERVAL_MS"] = "200",
        });
        await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        using var master = new HttpClient { BaseAddress = server.BaseAddress };
        master.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        var tenant = await new Scenario(master).TenantAsync();
        var subscription = await new Scenario(master).SubscriptionAsync(tenant.ApplicationId, [tenant.EventType],
            new Dictionary<string, string> { ["tenant"] = "acme" }, "http://127.0.0.1:1/webhooks");

        await using var receiver = ServerProcess.Start(Sample("Receiver"), new Dictionary<string, string?>
        {
            ["Hook0__Secrets"] = subscription["secret"]!.GetValue<string>(),
        });
        await using var producer = ServerProcess.Start(Sample("Producer"), new Dictionary<string, string?>
        {
            ["Hook0__BaseAddress"] = server.BaseAddress.ToString(),
            ["Hook0__Token"] = tenant.Secret,
            ["Hook0__ApplicationId"] = tenant.ApplicationId.ToString(),
        });
        var put = await master.PutAsJsonAsync($"/api/v1/subscriptions/{subscription["subscription_id"]}", new
        {
            application_id = tenant.ApplicationId, is_enabled = true, event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["tenant"] = "acme" },
            target = new { type = "http", method = "POST", url = $"{receiver.BaseAddress}webhooks", headers = new Dictionary<string, string>() },
        });
        Assert.That((int)put.StatusCode, Is.EqualTo(200), await put.Content.ReadAsStringAsync());
        await receiver.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        await producer.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));

        using var http = new HttpClient();
        var paid = await http.PostAsync($"{producer.BaseAddress}invoices/inv_1/pay", null);
        var answer = JsonNode.Parse(await paid.Content.ReadAsStringAsync())!;
        var received = await Eventually.ReadAsync(async () => JsonNode.Parse(await http.GetStringAsync($"{receiver.BaseAddress}received"))!.AsArray(),
            list => list.Count > 0, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(200));
        using var forged = new StringContent("{\"invoice_id\":\"inv_1\"}");
        forged.Headers.Add("x-hook0-signature", "t=1,v1=00");
        var refused = await http.PostAsync($"{receiver.BaseAddress}webhooks", forged);

        Assert.Multiple(() =>
        {
            Assert.That((int)paid.StatusCode, Is.EqualTo(202), answer.ToJsonString());
            Assert.That(received, Has.Count.EqualTo(1), string.Join('\n', receiver.Output));
            Assert.That(received[0]!["event_id"]!.GetValue<string>(), Is.EqualTo(answer["event_id"]!.GetValue<string>()));
            Assert.That(received[0]!["event_type"]!.GetValue<string>(), Is.EqualTo("billing.invoice.paid"));
            Assert.That(received[0]!["scheme"]!.GetValue<string>(), Is.EqualTo("Standard"), "both schemes arrive; Standard Webhooks is the one checked");
            Assert.That(received[0]!["payload"]!["invoice_id"]!.GetValue<string>(), Is.EqualTo("inv_1"));
            Assert.That((int)refused.StatusCode, Is.EqualTo(401));
        });
    }
}
