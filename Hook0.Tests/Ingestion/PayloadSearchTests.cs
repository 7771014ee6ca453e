using System.Text;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Ingestion;

/// <summary>
/// Payload search on <c>GET /api/v1/events</c> (issue #23 item 5): <c>payload_contains</c> is jsonb containment,
/// <c>payload_path</c> + <c>payload_value</c> the value at a key path as a string or a number; only JSON payloads match,
/// only the application's own events, page after page; a filter that cannot be used is a 400 <c>InvalidParameter</c>.
/// </summary>
public sealed class PayloadSearchTests : ApiTest
{
    private Scenario _scenario = null!;
    private Tenant _tenant = null!;

    [SetUp]
    public async Task CreateTenantAsync()
    {
        _scenario = new Scenario(Master());
        _tenant = await _scenario.TenantAsync();
        await _scenario.PayloadSearchAsync(_tenant.ApplicationId, on: true);
    }

    private Task<Guid> IngestAsync(string payload, string contentType = "application/json", Tenant? tenant = null)
        => _scenario.IngestAsync((tenant ?? _tenant).ApplicationId, (tenant ?? _tenant).EventType, payload: payload, contentType: contentType);

    private async Task<List<Guid>> SearchAsync(params (string Name, string Value)[] filters)
    {
        var query = string.Concat(filters.Select(f => $"&{f.Name}={Uri.EscapeDataString(f.Value)}"));
        var response = await Master().GetAsync($"/api/v1/events?application_id={_tenant.ApplicationId}{query}");
        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.ToJsonString());
        return [.. body.AsArray().Select(e => e!["event_id"]!.GetValue<Guid>())];
    }

    private Task<List<Guid>> ContainingAsync(string json) => SearchAsync(("payload_contains", json));

    private Task<List<Guid>> AtPathAsync(string path, string value) => SearchAsync(("payload_path", path), ("payload_value", value));

    [Test]
    public async Task Containment_matches_nested_objects_and_arrays_as_jsonb_does_and_only_json_payloads()
    {
        var text = await IngestAsync("""{"customer":{"id":"42","name":"Ada"},"amount":10,"tags":["vip","eu"]}""");
        var number = await IngestAsync("""{"customer":{"id":42},"amount":10}""");
        var other = await IngestAsync("""{"customer":{"id":"43"}}""");
        await IngestAsync("""[{"customer":{"id":"42"}}]""");
        // The same bytes, not declared JSON: never searched.
        await IngestAsync("""{"customer":{"id":"42"}}""", "text/plain");
        await IngestAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"customer":{"id":"42"}}""")), "application/octet-stream+base64");

        Assert.Multiple(async () =>
        {
            Assert.That(await ContainingAsync("""{"customer":{"id":"42"}}"""), Is.EqualTo(new[] { text }), "a string is not the number");
            Assert.That(await ContainingAsync("""{"customer":{"id":42}}"""), Is.EqualTo(new[] { number }));
            Assert.That(await ContainingAsync("""{"amount":10}"""), Is.EqualTo(new[] { number, text }), "newest first");
            Assert.That(await ContainingAsync("""{"amount":10.0}"""), Is.EqualTo(new[] { number, text }), "numbers compare as numbers");
            Assert.That(await ContainingAsync("""{"customer":{"id":"42","name":"Ada"},"tags":["eu"]}"""), Is.EqualTo(new[] { text }),
                "every key given, an array's elements among the payload's");
            Assert.That(await ContainingAsync("""{"customer":{"id":"42","name":"Bob"}}"""), Is.Empty, "one key differs");
            Assert.That(await ContainingAsync("""{"customer":"42"}"""), Is.Empty, "structure matters");
            Assert.That(await ContainingAsync("""{"nobody":true}"""), Is.Empty);
            Assert.That(await ContainingAsync("{}"), Is.EqualTo(new[] { other, number, text }), "the empty object: every JSON object payload, not the array");
            Assert.That(await SearchAsync(), Has.Count.EqualTo(6), "without a filter, every event");
        });
    }

    [Test]
    public async Task A_path_and_value_match_the_value_as_a_string_or_as_the_number_it_spells()
    {
        var text = await IngestAsync("""{"customer":{"id":"42","name":"Ada Lovelace","note":""}}""");
        var number = await IngestAsync("""{"customer":{"id":42}}""");
        var decimals = await IngestAsync("""{"customer":{"id":42.0}}""");
        var deeper = await IngestAsync("""{"customer":{"id":{"value":"42"}}}""");
        await IngestAsync("""{"customer":[{"id":"42"}]}"""); // the path steps through objects only
        var dotted = await IngestAsync("""{"customer.id":"42"}""");
        await IngestAsync("""{"customer":{"id":"42"}}""", "text/plain");

        Assert.Multiple(async () =>
        {
            Assert.That(await AtPathAsync("customer.id", "42"), Is.EqualTo(new[] { decimals, number, text }), "\"42\", 42 and 42.0");
            Assert.That(await AtPathAsync("customer.id", "42.0"), Is.EqualTo(new[] { decimals, number }), "the text \"42.0\" is not \"42\"; the number is");
            Assert.That(await AtPathAsync("customer.id", "042"), Is.Empty, "not a JSON number: only the text \"042\"");
            Assert.That(await AtPathAsync("customer.name", "Ada Lovelace"), Is.EqualTo(new[] { text }));
            Assert.That(await AtPathAsync("customer.name", "ada lovelace"), Is.Empty, "exact, case included");
            Assert.That(await AtPathAsync("customer.note", ""), Is.EqualTo(new[] { text }), "the empty string is a value");
            Assert.That(await AtPathAsync("customer.id.value", "42"), Is.EqualTo(new[] { deeper }));
            Assert.That(await AtPathAsync("customer", "42"), Is.Empty, "the value at the path, not below it");
            Assert.That(await AtPathAsync("id", "42"), Is.Empty, "the path starts at the top");
            Assert.That(await ContainingAsync("""{"customer.id":"42"}"""), Is.EqualTo(new[] { dotted }), "a key with a dot: through payload_contains");
            Assert.That(await SearchAsync(("payload_contains", """{"customer":{"name":"Ada Lovelace"}}"""), ("payload_path", "customer.id"), ("payload_value", "42")),
                Is.EqualTo(new[] { text }), "both filters apply together");
        });
    }

    [Test]
    public async Task Another_applications_events_never_match_and_its_credentials_are_refused()
    {
        var theirs = await _scenario.TenantAsync("Theirs");
        await _scenario.PayloadSearchAsync(theirs.ApplicationId, on: true);
        var mine = await IngestAsync("""{"customer":{"id":"42"}}""");
        await IngestAsync("""{"customer":{"id":"42"}}""", tenant: theirs);

        Assert.That(await ContainingAsync("""{"customer":{"id":"42"}}"""), Is.EqualTo(new[] { mine }));
        Assert.That(await AtPathAsync("customer.id", "42"), Is.EqualTo(new[] { mine }));
        var refused = await As(theirs.Secret).GetAsync(
            $"/api/v1/events?application_id={_tenant.ApplicationId}&payload_contains={Uri.EscapeDataString("""{"customer":{"id":"42"}}""")}");
        Assert.That((int)refused.StatusCode, Is.EqualTo(403), await refused.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Pages_of_a_payload_search_follow_each_other_through_the_link_without_gaps_or_repeats()
    {
        var matching = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            matching.Add(await IngestAsync($$"""{"kind":"invoice","n":{{i}}}"""));
            await IngestAsync($$"""{"kind":"refund","n":{{i}}}""");
        }

        var pages = new List<List<Guid>>();
        var url = $"/api/v1/events?application_id={_tenant.ApplicationId}&limit=2&payload_path=kind&payload_value=invoice";
        while (url is not null && pages.Count < 5)
        {
            var response = await Master().GetAsync(url);
            pages.Add([.. (await JsonAsync(response)).AsArray().Select(e => e!["event_id"]!.GetValue<Guid>())]);
            url = response.Headers.TryGetValues("Link", out var links)
                ? new Uri(links.Single()[1..links.Single().IndexOf('>', StringComparison.Ordinal)]).PathAndQuery
                : null;
            if (url is not null)
            {
                Assert.That(url, Does.Contain("payload_path=kind").And.Contain("payload_value=invoice"), "the next link keeps the filter");
            }
        }

        Assert.That(pages.Select(p => p.Count), Is.EqualTo(new[] { 2, 2, 1 }));
        Assert.That(pages.SelectMany(p => p), Is.EqualTo(Enumerable.Reverse(matching)));
    }

    [Test]
    public async Task A_payload_jsonb_cannot_read_is_still_ingested_and_simply_never_found()
    {
        // Valid JSON for ingest, refused by jsonb (\u0000): the index stores nothing for it instead of failing the insert.
        var unreadable = await IngestAsync("""{"customer":{"id":"42"},"note":"\u0000"}""");
        var readable = await IngestAsync("""{"customer":{"id":"42"}}""");

        Assert.That(await SearchAsync(), Is.EqualTo(new[] { readable, unreadable }));
        Assert.That(await ContainingAsync("""{"customer":{"id":"42"}}"""), Is.EqualTo(new[] { readable }));
        Assert.That(await Database.ScalarAsync<bool>($"SELECT event.payload_json(payload) IS NULL FROM event.event WHERE event_id = '{unreadable}'"), Is.True);
    }

    private static readonly string Deep = string.Concat(Enumerable.Repeat("{\"a\":", 33)) + "1" + new string('}', 33);

    [TestCase("""{"customer":""", null, null, "The parameter 'payload_contains' must be a JSON object nested at most 32 levels deep:", TestName = "A payload filter is refused (400): Invalid JSON")]
    [TestCase("[1]", null, null, """The parameter 'payload_contains' must be a JSON object, e.g. {"customer":{"id":"42"}}.""", TestName = "A payload filter is refused (400): An array")]
    [TestCase("\"42\"", null, null, """The parameter 'payload_contains' must be a JSON object, e.g. {"customer":{"id":"42"}}.""", TestName = "A payload filter is refused (400): A string")]
    [TestCase("deep", null, null, "The parameter 'payload_contains' must be a JSON object nested at most 32 levels deep:", TestName = "A payload filter is refused (400): 33 levels deep")]
    [TestCase("big", null, null, "The parameter 'payload_contains' must be at most 4096 bytes long.", TestName = "A payload filter is refused (400): Over 4 KiB")]
    [TestCase("""{"a":"\u0000"}""", null, null, "The parameter 'payload_contains' holds a number with an exponent beyond ±1000 or a text with a NUL character.", TestName = "A payload filter is refused (400): A NUL escape")]
    [TestCase("""{"a":1e1001}""", null, null, "The parameter 'payload_contains' holds a number with an exponent beyond ±1000 or a text with a NUL character.", TestName = "A payload filter is refused (400): A huge exponent")]
    [TestCase("""{"a":"\ud800"}""", null, null, "The parameter 'payload_contains' holds an escaped text that is not valid Unicode.", TestName = "A payload filter is refused (400): A lone surrogate escape")]
    [TestCase(null, "customer.id", null, "The parameter 'payload_path' needs 'payload_value', the value to find there.", TestName = "A payload filter is refused (400): A path without a value")]
    [TestCase(null, null, "42", "The parameter 'payload_value' needs 'payload_path', the keys leading to it.", TestName = "A payload filter is refused (400): A value without a path")]
    [TestCase(null, "customer..id", "42", "The parameter 'payload_path' must be object keys separated by dots, e.g. customer.id.", TestName = "A payload filter is refused (400): An empty key")]
    [TestCase(null, "many", "42", "The parameter 'payload_path' must have at most 32 keys.", TestName = "A payload filter is refused (400): 33 keys")]
    public async Task A_filter_that_cannot_be_used_is_a_400_naming_it_and_changes_nothing(string? contains, string? path, string? value, string detail)
    {
        await IngestAsync("""{"customer":{"id":"42"}}""");
        var before = await Database.ScalarAsync<string>("SELECT md5(string_agg(event_id::text || payload::text, ',' ORDER BY event_id)) FROM event.event");
        contains = contains switch
        {
            "deep" => Deep,
            "big" => "{\"a\":\"" + new string('x', 4100) + "\"}",
            _ => contains,
        };
        path = path == "many" ? string.Join('.', Enumerable.Repeat("k", 33)) : path;
        var query = (contains is null ? "" : $"&payload_contains={Uri.EscapeDataString(contains)}")
            + (path is null ? "" : $"&payload_path={Uri.EscapeDataString(path)}")
            + (value is null ? "" : $"&payload_value={Uri.EscapeDataString(value)}");

        var problem = await AssertProblemAsync(await Master().GetAsync($"/api/v1/events?application_id={_tenant.ApplicationId}{query}"), 400, "InvalidParameter");

        Assert.That(problem["detail"]!.GetValue<string>(), Does.StartWith(detail));
        Assert.That(await Database.ScalarAsync<string>("SELECT md5(string_agg(event_id::text || payload::text, ',' ORDER BY event_id)) FROM event.event"), Is.EqualTo(before));
    }
}
