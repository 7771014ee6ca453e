using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Cli;

/// <summary>The <c>hook0</c> command line through its real entry point (the built tool, one process per command) against the built server.</summary>
[NonParallelizable]
public sealed class CliTests : ApiTest
{
    private CliRunner _cli = null!;

    [SetUp]
    public void CreateConfigDir() => _cli = new CliRunner();

    [TearDown]
    public void DeleteConfigDir() => _cli.Dispose();

    private Task<(int Code, string Out, string Err)> Hook0Async(string? stdin, params string[] args) => _cli.RunAsync(stdin, args);

    [Test]
    public async Task Logs_in_manages_applications_event_types_subscriptions_and_sends_events()
    {
        await using var server = ServerProcess.Start(new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = Database.ConnectionString,
            ["MASTER_API_KEY"] = Hook0Factory.MasterKey,
            ["NO_AUTO_DB_MIGRATION"] = "true",
        });
        await server.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        using var master = new HttpClient { BaseAddress = server.BaseAddress };
        master.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        var organization = await new Scenario(master).OrganizationAsync();
        var url = server.BaseAddress.ToString();
        var payloadFile = Path.Combine(_cli.ConfigDir, "note.txt");
        await File.WriteAllTextAsync(payloadFile, "paid in full");

        var before = await Hook0Async(null, "applications", "list", "--organization", organization.ToString());
        var login = await Hook0Async(Hook0Factory.MasterKey + "\n", "login", "--url", url, "--token", "-");
        var credentials = Path.Combine(_cli.ConfigDir, "credentials.json");
        var mode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(credentials);
        var created = await Hook0Async(null, "applications", "create", "--organization", organization.ToString(), "--name", "From the CLI");
        var application = JsonNode.Parse(created.Out)!["application_id"]!.GetValue<string>();
        var relogin = await Hook0Async(null, "login", "--url", url, "--token", Hook0Factory.MasterKey, "--application", application);
        var applications = await Hook0Async(null, "applications", "list", "--organization", organization.ToString());
        var type = await Hook0Async(null, "event-types", "create", "billing.invoice.paid");
        var types = await Hook0Async(null, "event-types", "list");
        var subscription = await Hook0Async(null, "subscriptions", "create", "--url", "https://example.com/hook", "--event-type", "billing.invoice.paid", "--label", "tenant=acme");
        var subscriptions = await Hook0Async(null, "subscriptions", "list", "--application", application);
        var fromStdin = await Hook0Async("{\"amount\":42}", "send", "--event-type", "billing.invoice.paid", "--label", "tenant=acme");
        var fromFile = await Hook0Async(null, "send", "--event-type", "billing.invoice.paid", "--label", "tenant=acme", "--file", payloadFile, "--content-type", "text/plain");
        var unknownType = await Hook0Async("{}", "send", "--event-type", "billing.invoice.voided", "--label", "tenant=acme");
        var badLabel = await Hook0Async("{}", "send", "--event-type", "billing.invoice.paid", "--label", "tenant");
        var missingOption = await Hook0Async(null, "send", "--event-type", "billing.invoice.paid");

        Assert.Multiple(async () =>
        {
            Assert.That(before, Is.EqualTo((1, "", "Not logged in: run `hook0 login --url <server> --token <token>` first.")));
            Assert.That(login.Code, Is.EqualTo(0), login.Err);
            Assert.That(mode, Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "the token file is the user's alone");
            Assert.That(login.Out, Does.Not.Contain(Hook0Factory.MasterKey), "the token is never printed");
            Assert.That(created.Code, Is.EqualTo(0), created.Err);
            Assert.That(relogin.Code, Is.EqualTo(0), relogin.Err);
            Assert.That(JsonNode.Parse(applications.Out)!.AsArray().Select(a => a!["name"]!.GetValue<string>()), Does.Contain("From the CLI"));
            Assert.That(JsonNode.Parse(type.Out)!["event_type_name"]!.GetValue<string>(), Is.EqualTo("billing.invoice.paid"), type.Err);
            Assert.That(JsonNode.Parse(types.Out)!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(JsonNode.Parse(subscription.Out)!["subscription_id"], Is.Not.Null, subscription.Err);
            Assert.That(JsonNode.Parse(subscriptions.Out)!.AsArray(), Has.Count.EqualTo(1));
            Assert.That(fromStdin.Code, Is.EqualTo(0), fromStdin.Err);
            Assert.That(fromFile.Code, Is.EqualTo(0), fromFile.Err);
            Assert.That(await Database.ScalarAsync<string>($"SELECT convert_from(payload, 'UTF8') FROM event.event WHERE event_id = '{JsonNode.Parse(fromStdin.Out)!["event_id"]}'"),
                Is.EqualTo("{\"amount\":42}"));
            Assert.That(await Database.ScalarAsync<string>($"SELECT convert_from(payload, 'UTF8') FROM event.event WHERE event_id = '{JsonNode.Parse(fromFile.Out)!["event_id"]}'"),
                Is.EqualTo("paid in full"));
            Assert.That(unknownType.Code, Is.EqualTo(1));
            Assert.That(unknownType.Err, Does.StartWith("EventTypeDoesNotExist:"));
            Assert.That(badLabel, Is.EqualTo((1, "", "--label takes key=value, not 'tenant'.")));
            Assert.That(missingOption.Code, Is.EqualTo(1), "a parse error");
            Assert.That(missingOption.Err, Does.Contain("--label"));
        });
    }
}
