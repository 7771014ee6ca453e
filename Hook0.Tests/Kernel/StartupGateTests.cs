using System.Net;
using System.Net.Http.Headers;
using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hook0.Tests.Kernel;

/// <summary>
/// Issue #19, finding 9: migrations complete before any hosted service or endpoint touches the
/// database. Real server processes on databases of their own, so the console is the operator's.
/// </summary>
[NonParallelizable]
public sealed class StartupGateTests
{
    [Test]
    public async Task A_first_start_on_a_database_that_does_not_exist_yet_logs_no_warning_and_no_error()
    {
        var database = TestDatabase.CreateUnique("hook0_gate_new");
        try
        {
            // Every role on, housekeeping and the workers included: they used to query before the migrator.
            await using var server = await FaultServer.StartAsync(new Dictionary<string, string?>
            {
                ["DATABASE_URL"] = database.ConnectionString, ["MASTER_API_KEY"] = Hook0Factory.MasterKey, ["BISCUIT_PRIVATE_KEY"] = Hook0Factory.BiscuitPrivateKey, ["METRICS_KEY"] = "k",
            });
            using var http = Client(server);
            Assert.That((await http.GetAsync("/readyz")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "migrated before listening");
            Assert.That((await http.GetAsync("/api/v1/organizations")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await Task.Delay(TimeSpan.FromSeconds(2)); // the hosted services' first rounds
            await server.StopAsync();

            var complaints = server.Output.Where(IsWarningOrError).ToList();
            Assert.That(complaints, Is.Empty, string.Join('\n', server.Output));
            Assert.That(server.Output, Has.Some.Contains("migration(s) applied"));
        }
        finally
        {
            await database.DropAsync();
        }
    }

    [Test]
    public async Task With_automatic_migration_off_the_server_is_not_ready_until_another_process_migrates_then_serves()
    {
        var database = TestDatabase.CreateUnique("hook0_gate_off");
        try
        {
            await database.CreateEmptyAsync();
            var environment = new Dictionary<string, string?>
            {
                ["DATABASE_URL"] = database.ConnectionString, ["MASTER_API_KEY"] = Hook0Factory.MasterKey, ["BISCUIT_PRIVATE_KEY"] = Hook0Factory.BiscuitPrivateKey, ["NO_AUTO_DB_MIGRATION"] = "true",
            };
            await using var waiting = await FaultServer.StartAsync(environment);
            using var http = Client(waiting);

            var notReady = await http.GetAsync("/readyz");
            Assert.That(notReady.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await notReady.Content.ReadAsStringAsync());
            var refused = await http.GetAsync("/api/v1/organizations");
            Assert.Multiple(() =>
            {
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(refused.Headers.RetryAfter, Is.Not.Null);
            });
            Assert.That((await http.GetAsync("/healthz")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "alive while waiting");

            // Another process (an upgrade job) migrates.
            await using (var migrator = await FaultServer.StartAsync(new Dictionary<string, string?>(environment) { ["NO_AUTO_DB_MIGRATION"] = "false", ["API_ENABLED"] = "false" }))
            {
                await migrator.StopAsync();
            }

            var ready = await Eventually.HoldsAsync(async () => (await http.GetAsync("/readyz")).IsSuccessStatusCode, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(200));
            Assert.That(ready, Is.True, "ready once the applied migrations equal the compiled ones");
            Assert.That((await http.GetAsync("/api/v1/organizations")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await waiting.StopAsync();
            Assert.That(waiting.Output.Where(IsWarningOrError), Is.Empty, string.Join('\n', waiting.Output));
        }
        finally
        {
            await database.DropAsync();
        }
    }

    [Test]
    public void Every_hosted_service_of_the_modules_but_the_migrator_starts_behind_the_gate()
    {
        var ours = ApiFixture.Factory.Services.GetServices<IHostedService>()
            .Where(h => h.GetType().Assembly == typeof(DatabaseMigrator).Assembly).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(ours.Where(h => h is not DatabaseMigrator and not AfterDatabaseReady).Select(h => h.GetType().Name), Is.Empty);
            Assert.That(ours.OfType<AfterDatabaseReady>().Select(w => w.Inner.GetType().Name), Does.Contain(nameof(HousekeepingRunner)));
            Assert.That(ours.OfType<DatabaseMigrator>().Count(), Is.EqualTo(1));
        });
    }

    /// <summary>The console logger's level prefixes (text format): warn, fail (error) and crit.</summary>
    private static bool IsWarningOrError(string line)
        => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);

    private static HttpClient Client(ServerProcess server)
    {
        var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        return client;
    }
}
