using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Tests.Infrastructure;
using Npgsql;

namespace Hook0.Tests.Upgrade;

/// <summary>
/// Issue #20 item 3: a wave-one database with attempts in every state (events, responses, dead letters retried by
/// hand) is migrated in place by this version's start-up migrator; every attempt is then exactly once in the queue
/// or in the history, as what it was, and the API answers as wave one's did (statuses computed by wave one's rules).
/// </summary>
[NonParallelizable]
public sealed class UpgradeInPlaceTests
{
    private TestDatabase _database = null!;
    private WaveOneSeed _seed = null!;
    private Hook0Factory _host = null!;

    [OneTimeSetUp]
    public async Task UpgradeAsync()
    {
        _database = TestDatabase.CreateUnique("hook0_upgrade");
        await WaveOneDatabase.CreateAsync(_database);
        _seed = new WaveOneSeed(DateTime.UnixEpoch.AddMilliseconds(Math.Floor((DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds)));
        await WaveOneDatabase.ExecuteAsync(_database, _seed.Sql);
        _host = new Hook0Factory(_database);
        _ = _host.Server; // starts the host: its migrator moves the data
    }

    [OneTimeTearDown]
    public async Task DropAsync()
    {
        await _host.DisposeAsync();
        await _database.DropAsync();
    }

    [Test]
    public async Task The_wave_one_tables_are_gone_and_the_schema_generation_is_raised()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(await _database.ScalarAsync<bool>("SELECT to_regclass('webhook.request_attempt') IS NULL"), Is.True);
            Assert.That(await _database.ScalarAsync<bool>("SELECT to_regclass('webhook.response') IS NULL"), Is.True);
            Assert.That(await _database.ScalarAsync<int>("SELECT generation FROM infrastructure.schema_generation"), Is.EqualTo(SchemaGeneration.Compiled));
        });
    }

    [Test]
    public async Task Every_wave_one_attempt_is_exactly_once_in_the_queue_or_the_history_as_what_it_was()
    {
        var queue = await RowsAsync("""
            SELECT request_attempt_id, subscription_id, event_id, attempt_number, created_at, due_at, lease_until, picked_at, metered, event_received_at
            FROM webhook.delivery_queue
            """);
        var history = await RowsAsync("""
            SELECT request_attempt_id, subscription_id, event_id, attempt_number, created_at, outcome, reason, completed_at, delay_until, picked_at,
                   response_id, http_code, response_error_name, convert_from(response_body, 'UTF8') AS body, response_body_truncated, elapsed_ms,
                   response_headers->>'content-type' AS content_type, event_received_at
            FROM webhook.attempt
            """);
        var ids = queue.Select(r => (Guid)r["request_attempt_id"]!).Concat(history.Select(r => (Guid)r["request_attempt_id"]!)).ToList();
        Assert.That(ids, Is.EquivalentTo(_seed.Attempts.Select(a => a.Id)), "each wave-one attempt once, in the queue or the history, and nothing else");

        Assert.Multiple(() =>
        {
            foreach (var expected in _seed.Attempts)
            {
                var name = expected.Name;
                if (expected.Queued)
                {
                    var row = queue.Single(r => (Guid)r["request_attempt_id"]! == expected.Id);
                    Assert.That(row["subscription_id"], Is.EqualTo(expected.SubscriptionId), name);
                    Assert.That(row["event_id"], Is.EqualTo(expected.EventId), name);
                    Assert.That(row["attempt_number"], Is.EqualTo(expected.RetryCount), name);
                    Assert.That(row["created_at"], Is.EqualTo(expected.CreatedAt), name);
                    Assert.That(row["due_at"], Is.EqualTo(expected.DelayUntil ?? expected.CreatedAt), $"{name}: due when it was");
                    Assert.That(row["lease_until"], Is.EqualTo(expected.LeaseUntil), $"{name}: its lease kept");
                    Assert.That(row["picked_at"], Is.EqualTo(expected.PickedAt), name);
                    Assert.That(row["metered"], Is.EqualTo(expected.SubscriptionId == _seed.Limited || expected.SubscriptionId == _seed.Paused), $"{name}: metered as its lane");
                    Assert.That(row["event_received_at"], Is.EqualTo(expected.EventReceivedAt), name);
                }
                else
                {
                    var row = history.Single(r => (Guid)r["request_attempt_id"]! == expected.Id);
                    Assert.That(row["outcome"], Is.EqualTo(expected.Outcome), name);
                    Assert.That(row["reason"], Is.EqualTo(expected.Reason), name);
                    Assert.That(row["subscription_id"], Is.EqualTo(expected.SubscriptionId), name);
                    Assert.That(row["event_id"], Is.EqualTo(expected.EventId), name);
                    Assert.That(row["attempt_number"], Is.EqualTo(expected.RetryCount), name);
                    Assert.That(row["created_at"], Is.EqualTo(expected.CreatedAt), name);
                    Assert.That(row["completed_at"], Is.EqualTo(expected.SucceededAt ?? expected.FailedAt), name);
                    Assert.That(row["delay_until"], Is.EqualTo(expected.DelayUntil), name);
                    Assert.That(row["picked_at"], Is.EqualTo(expected.PickedAt), name);
                    Assert.That(row["event_received_at"], Is.EqualTo(expected.EventReceivedAt), name);
                    Assert.That(row["response_id"], Is.EqualTo(expected.Response?.Id), $"{name}: the response under its wave-one id");
                    if (expected.Response is { } response)
                    {
                        Assert.That(row["http_code"], Is.EqualTo(response.HttpCode), name);
                        Assert.That(row["response_error_name"], Is.EqualTo(response.ErrorName), name);
                        Assert.That(row["body"], Is.EqualTo(response.Body), name);
                        Assert.That(row["response_body_truncated"], Is.EqualTo(response.Truncated), name);
                        Assert.That(row["elapsed_ms"], Is.EqualTo(response.ElapsedMs), name);
                        Assert.That(row["content_type"], Is.EqualTo("text/plain"), name);
                    }
                }
            }
        });
    }

    [Test]
    public async Task Dead_letters_retried_by_hand_keep_their_mark_and_a_leased_attempt_keeps_its_slot()
    {
        var retried = _seed.Attempts.Where(a => a.RetriedAt is not null).ToList();
        var marks = await RowsAsync("SELECT request_attempt_id, retried_at, application_id FROM webhook.dead_letter_retry");
        var leased = _seed.Attempts.Single(a => a.LeaseUntil > _seed.Now);
        var lane = (await RowsAsync($"SELECT in_flight_ids, in_flight_until FROM webhook.delivery_lane WHERE subscription_id = '{_seed.Limited}'")).Single();

        Assert.Multiple(() =>
        {
            Assert.That(marks.Select(m => ((Guid)m["request_attempt_id"]!, (DateTime)m["retried_at"]!, (Guid)m["application_id"]!)),
                Is.EquivalentTo(retried.Select(a => (a.Id, a.RetriedAt!.Value, _seed.ApplicationId))));
            Assert.That(lane["in_flight_ids"], Is.EqualTo(new[] { leased.Id }), "the limited subscription's attempt in flight holds its slot until its lease ends");
            Assert.That(lane["in_flight_until"], Is.EqualTo(new[] { leased.LeaseUntil!.Value }));
        });
    }

    /// <summary>
    /// The API on the migrated database answers what wave one's answered (its status rules, its response ids). Needs the
    /// second design's reads (engineer B) and writes (engineer A) merged: before that, this build's endpoints still read
    /// the dropped tables.
    /// </summary>
    [Test]
    public async Task The_api_answers_the_attempts_responses_and_dead_letters_as_wave_one_did()
    {
        using var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        var app = _seed.ApplicationId;

        var listed = new List<JsonNode>();
        var url = $"/api/v1/request_attempts?application_id={app}";
        while (url is not null)
        {
            var page = await client.GetAsync(url);
            Assert.That((int)page.StatusCode, Is.EqualTo(200), await page.Content.ReadAsStringAsync());
            listed.AddRange(JsonNode.Parse(await page.Content.ReadAsStringAsync())!.AsArray().Select(n => n!));
            url = page.Headers.TryGetValues("Link", out var links) && links.Single() is var link
                ? new Uri(link[1..link.IndexOf('>', StringComparison.Ordinal)]).PathAndQuery
                : null;
        }

        var deadPage = await client.GetAsync($"/api/v1/dead_letters?application_id={app}");
        Assert.That((int)deadPage.StatusCode, Is.EqualTo(200), await deadPage.Content.ReadAsStringAsync());
        var dead = JsonNode.Parse(await deadPage.Content.ReadAsStringAsync())!.AsArray().Select(n => n!["request_attempt_id"]!.GetValue<Guid>()).ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(listed.Select(n => n["request_attempt_id"]!.GetValue<Guid>()), Is.EqualTo(
                _seed.Attempts.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Select(a => a.Id)), "every attempt, newest first");
            foreach (var expected in _seed.Attempts)
            {
                var node = listed.Single(n => n["request_attempt_id"]!.GetValue<Guid>() == expected.Id);
                Assert.That(node["status"]!["type"]!.GetValue<string>(), Is.EqualTo(expected.ApiStatus), expected.Name);
                Assert.That(node["retry_count"]!.GetValue<int>(), Is.EqualTo(expected.RetryCount), expected.Name);
                Assert.That(node["response_id"]?.GetValue<Guid>(), Is.EqualTo(expected.Response?.Id), expected.Name);
                Assert.That(node["event_id"]!.GetValue<Guid>(), Is.EqualTo(expected.EventId), expected.Name);
                Assert.That(node["subscription"]!["subscription_id"]!.GetValue<Guid>(), Is.EqualTo(expected.SubscriptionId), expected.Name);
                Assert.That(node["created_at"]!.GetValue<DateTime>(), Is.EqualTo(expected.CreatedAt), expected.Name);
                Assert.That(node["succeeded_at"]?.GetValue<DateTime>(), Is.EqualTo(expected.SucceededAt), expected.Name);
                Assert.That(node["failed_at"]?.GetValue<DateTime>(), Is.EqualTo(expected.FailedAt), expected.Name);

                var detail = await client.GetAsync($"/api/v1/request_attempts/{expected.Id}?application_id={app}");
                Assert.That((int)detail.StatusCode, Is.EqualTo(200), $"{expected.Name}: {await detail.Content.ReadAsStringAsync()}");
                if (expected.Response is { } response)
                {
                    var answer = await client.GetAsync($"/api/v1/responses/{response.Id}?application_id={app}");
                    var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
                    Assert.That((int)answer.StatusCode, Is.EqualTo(200), expected.Name);
                    Assert.That(body["http_code"]?.GetValue<int>(), Is.EqualTo(response.HttpCode), expected.Name);
                    Assert.That(body["response_error_name"]?.GetValue<string>(), Is.EqualTo(response.ErrorName), expected.Name);
                    Assert.That(body["body"]?.GetValue<string>(), Is.EqualTo(response.Body), expected.Name);
                    Assert.That(body["body_truncated"]!.GetValue<bool>(), Is.EqualTo(response.Truncated), expected.Name);
                }
            }

            Assert.That(dead, Is.EquivalentTo(_seed.Attempts.Where(a => a.DeadLetter).Select(a => a.Id)), "the dead letters, less those retried by hand");
        });
    }

    private async Task<List<Dictionary<string, object?>>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                row[reader.GetName(i)] = value is short s ? (int)s : value;
            }

            rows.Add(row);
        }

        return rows;
    }
}
