using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery.Subscriptions;

public sealed class SubscriptionsTests : ApiTest
{
    private Tenant _tenant = null!;

    [SetUp]
    public async Task CreateTenantAsync() => _tenant = await new Scenario(Master()).TenantAsync();

    private Dictionary<string, object?> ValidBody() => new()
    {
        ["application_id"] = _tenant.ApplicationId,
        ["is_enabled"] = true,
        ["event_types"] = new[] { _tenant.EventType },
        ["description"] = "Invoices to the ERP",
        ["metadata"] = new Dictionary<string, string> { ["team"] = "finance" },
        ["labels"] = new Dictionary<string, string> { ["tenant"] = "42" },
        ["target"] = new Dictionary<string, object>
        {
            ["type"] = "http",
            ["method"] = "POST",
            ["url"] = "https://erp.example.com/hooks/hook0",
            ["headers"] = new Dictionary<string, string> { ["X-Api-Key"] = "k" },
        },
    };

    [Test]
    public async Task Create_answers_201_with_the_whole_subscription()
    {
        var body = await PostJsonAsync(Master(), "/api/v1/subscriptions", ValidBody(), 201);
        var id = body["subscription_id"]!.GetValue<Guid>();
        var secret = body["secret"]!.GetValue<Guid>();
        var createdAt = body["created_at"]!.GetValue<string>();

        var whsec = "whsec_" + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret.ToString()));

        Assert.That(secret, Is.Not.EqualTo(Guid.Empty));
        Assert.That(body.ToJsonString(), Is.EqualTo(JsonNode.Parse($$$"""
            {"application_id":"{{{_tenant.ApplicationId}}}","subscription_id":"{{{id}}}","is_enabled":true,
             "event_types":["billing.invoice.paid"],"description":"Invoices to the ERP","secret":"{{{secret}}}",
             "metadata":{"team":"finance"},"label_key":"tenant","label_value":"42","labels":{"tenant":"42"},
             "target":{"type":"http","method":"POST","url":"https://erp.example.com/hooks/hook0","headers":{"x-api-key":"k"}},
             "created_at":"{{{createdAt}}}","updated_at":"{{{createdAt}}}","dedicated_workers":[],
             "is_paused":false,"retry_policy":null,"max_concurrency":null,"rate_limit_per_second":null,
             "signature_schemes":"both","standard_secret":"{{{whsec}}}",
             "secrets":[{"secret":"{{{secret}}}","standard_secret":"{{{whsec}}}","created_at":"{{{createdAt}}}","expires_at":null}],
             "public_key":null,"health":{"state":"healthy","reason":null,"since":null,"failing_since":null,"transitions":[]},
             "circuit_breaker_threshold":10,
             "circuit":{"state":"closed","reason":null,"since":null,"consecutive_failures":0,"next_probe_at":null},"adaptive_rate_per_second":null,
             "proxy":null,"oauth2":null,"client_certificates":null,"client_certificate_expires_at":null,"server_ca_pem":null}
            """)!.ToJsonString()));

        var read = await JsonAsync(await Master().GetAsync($"/api/v1/subscriptions/{id}"));
        Assert.That(read.ToJsonString(), Is.EqualTo(body.ToJsonString()), "GET answers what POST answered");
    }

    [Test]
    public async Task The_legacy_label_pair_becomes_the_labels()
    {
        var body = ValidBody();
        body.Remove("labels");
        body["label_key"] = "env";
        body["label_value"] = "prod";

        var created = await PostJsonAsync(Master(), "/api/v1/subscriptions", body, 201);

        Assert.That(created["labels"]!.ToJsonString(), Is.EqualTo("""{"env":"prod"}"""));
        Assert.That(created["label_key"]!.GetValue<string>(), Is.EqualTo("env"));
    }

    [Test]
    public async Task Without_labels_nor_a_complete_pair_it_is_labels_ambiguity_even_before_authorization()
    {
        var body = ValidBody();
        body.Remove("labels");
        body["label_key"] = "env";
        var other = await new Scenario(Master()).TenantAsync("Other");

        await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/subscriptions", body), 400, "LabelsAmbiguity");
        await AssertProblemAsync(await As(other.Secret).PostAsJsonAsync("/api/v1/subscriptions", body), 400, "LabelsAmbiguity");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription"), Is.Zero);
    }

    [Test]
    public async Task An_unknown_event_type_is_refused()
    {
        var body = ValidBody();
        body["event_types"] = new[] { _tenant.EventType, "billing.invoice.unknown" };

        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/subscriptions", body), 400, "EventTypeDoesNotExist");

        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("billing.invoice.unknown"));
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription"), Is.Zero);
    }

    [Test]
    public async Task Dedicated_workers_that_are_not_registered_are_unauthorized()
    {
        var body = ValidBody();
        body["dedicated_workers"] = new[] { "eu-west" };

        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/subscriptions", body), 400, "UnauthorizedWorkers");
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("eu-west"));
    }

    public static IEnumerable<TestCaseData> InvalidFields()
    {
        static Action<Dictionary<string, object?>> Target(string key, object value)
            => b => ((Dictionary<string, object>)b["target"]!)[key] = value;

        yield return Case("event_types", "event-types-size", b => b["event_types"] = Array.Empty<string>());
        yield return Case("event_types", "event-types-size", b => b["event_types"] = Enumerable.Repeat("a.b.c", 101).ToArray());
        yield return Case("event_types", "event-types-name-length", b => b["event_types"] = new[] { new string('e', 201) });
        yield return Case("description", "length", b => b["description"] = "");
        yield return Case("description", "length", b => b["description"] = new string('d', 101));
        yield return Case("metadata", "metadata-size", b => b["metadata"] = Enumerable.Range(0, 51).ToDictionary(i => $"k{i}", _ => "v"));
        yield return Case("metadata", "metadata-property-length", b => b["metadata"] = new Dictionary<string, string> { ["k"] = "" });
        yield return Case("labels", "labels-size", b => b["labels"] = new Dictionary<string, string>());
        yield return Case("labels", "labels-size", b => b["labels"] = Enumerable.Range(0, 11).ToDictionary(i => $"k{i}", _ => "v"));
        yield return Case("labels", "labels-property-length", b => b["labels"] = new Dictionary<string, string> { [new string('k', 51)] = "v" });
        yield return Case("target.method", "subscription-target-http-method", Target("method", "post"));
        yield return Case("target.method", "subscription-target-http-method", Target("method", "TRACE"));
        yield return Case("target.url", "subscription-target-http-url-length", Target("url", "https://example.com/" + new string('p', 1000)));
        yield return Case("target.headers", "subscription-target-http-headers-size", Target("headers", Enumerable.Range(0, 11).ToDictionary(i => $"x-h{i}", _ => "v")));
        yield return Case("target.headers", "subscription-target-http-headers-property-length", Target("headers", new Dictionary<string, string> { ["bad header"] = "v" }));
        yield return Case("target.headers", "subscription-target-http-headers-property-length", Target("headers", new Dictionary<string, string> { ["x-h"] = new string('v', 501) }));
        yield return Case("dedicated_workers", "length", b => b["dedicated_workers"] = Array.Empty<string>());
    }

    private static TestCaseData Case(string field, string code, Action<Dictionary<string, object?>> mutate)
        => new TestCaseData(field, code, mutate).SetArgDisplayNames(field, code);

    [TestCaseSource(nameof(InvalidFields))]
    public async Task Each_field_rule_is_a_validation_problem(string field, string code, Action<Dictionary<string, object?>> mutate)
    {
        var body = ValidBody();
        mutate(body);

        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/subscriptions", body), 422, "Validation");

        Assert.That(problem["validation"]![field]?.AsArray().Select(f => f!["code"]!.GetValue<string>()), Does.Contain(code), problem.ToJsonString());
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription"), Is.Zero);
    }

    [TestCase("type", "https")]
    [TestCase("url", "not a url")]
    [TestCase("url", "ftp://example.com/x")]
    [TestCase("url", "/relative/path")]
    public async Task A_target_that_does_not_parse_is_a_json_payload_problem(string key, string value)
    {
        var body = ValidBody();
        ((Dictionary<string, object>)body["target"]!)[key] = value;

        await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/subscriptions", body), 400, "JsonPayload");
    }

    [Test]
    public async Task Update_replaces_the_fields_and_bumps_updated_at()
    {
        var created = await PostJsonAsync(Master(), "/api/v1/subscriptions", ValidBody(), 201);
        var id = created["subscription_id"]!.GetValue<Guid>();
        var second = await new Scenario(Master()).EventTypeAsync(_tenant.ApplicationId, "billing", "invoice", "voided");
        var body = ValidBody();
        body["event_types"] = new[] { second };
        body["is_enabled"] = false;
        body.Remove("description");
        body["labels"] = new Dictionary<string, string> { ["region"] = "eu" };

        var response = await Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", body);
        var updated = await JsonAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), updated.ToJsonString());
        Assert.Multiple(() =>
        {
            Assert.That(updated["event_types"]!.ToJsonString(), Is.EqualTo("[\"billing.invoice.voided\"]"));
            Assert.That(updated["is_enabled"]!.GetValue<bool>(), Is.False);
            Assert.That(updated["description"], Is.Null);
            Assert.That(updated["labels"]!.ToJsonString(), Is.EqualTo("""{"region":"eu"}"""));
            Assert.That(updated["secret"]!.GetValue<Guid>(), Is.EqualTo(created["secret"]!.GetValue<Guid>()), "the secret never changes on update");
            Assert.That(updated["updated_at"]!.GetValue<DateTime>(), Is.GreaterThan(created["updated_at"]!.GetValue<DateTime>()));
            Assert.That(updated["created_at"]!.GetValue<string>(), Is.EqualTo(created["created_at"]!.GetValue<string>()));
        });
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription__event_type"), Is.EqualTo(1));
    }

    [Test]
    public async Task Our_added_fields_survive_an_upstream_update_and_reset_on_explicit_null()
    {
        var body = ValidBody();
        body["retry_policy"] = new { max_retries = 5, schedule = new[] { 10, 60 } };
        body["max_concurrency"] = 3;
        var created = await PostJsonAsync(Master(), "/api/v1/subscriptions", body, 201);
        var id = created["subscription_id"]!.GetValue<Guid>();

        var upstream = ValidBody(); // an upstream client knows nothing of the additions
        var kept = await JsonAsync(await Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", upstream));
        Assert.That(kept["retry_policy"]!["max_retries"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(kept["max_concurrency"]!.GetValue<int>(), Is.EqualTo(3));

        upstream["retry_policy"] = null;
        upstream["max_concurrency"] = null;
        var reset = await JsonAsync(await Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", upstream));
        Assert.That(reset["retry_policy"], Is.Null);
        Assert.That(reset["max_concurrency"], Is.Null);
    }

    [Test]
    public async Task A_retry_policy_outside_the_instance_bounds_is_refused()
    {
        var body = ValidBody();
        body["retry_policy"] = new { max_retries = 500, schedule = new[] { 0 } };

        var problem = await AssertProblemAsync(await Master().PostAsJsonAsync("/api/v1/subscriptions", body), 422, "Validation");

        Assert.That(problem["validation"]!.AsObject().Select(kv => kv.Key), Has.Some.StartsWith("retry_policy."));
    }

    [Test]
    public async Task Update_through_another_application_is_not_found()
    {
        var created = await PostJsonAsync(Master(), "/api/v1/subscriptions", ValidBody(), 201);
        var scenario = new Scenario(Master());
        var other = await scenario.ApplicationAsync(_tenant.OrganizationId, "Other");
        await scenario.EventTypeAsync(other);
        var body = ValidBody();
        body["application_id"] = other;

        await AssertProblemAsync(await Master().PutAsJsonAsync($"/api/v1/subscriptions/{created["subscription_id"]}", body), 404, "NotFound");
    }

    [Test]
    public async Task Delete_is_soft_and_the_subscription_disappears()
    {
        var created = await PostJsonAsync(Master(), "/api/v1/subscriptions", ValidBody(), 201);
        var id = created["subscription_id"]!.GetValue<Guid>();

        var deleted = await Master().DeleteAsync($"/api/v1/subscriptions/{id}?application_id={_tenant.ApplicationId}");

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await AssertProblemAsync(await Master().GetAsync($"/api/v1/subscriptions/{id}"), 404, "NotFound");
        Assert.That((await JsonAsync(await Master().GetAsync($"/api/v1/subscriptions?application_id={_tenant.ApplicationId}"))).AsArray(), Is.Empty);
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription WHERE deleted_at IS NOT NULL"), Is.EqualTo(1));
        await AssertProblemAsync(await Master().DeleteAsync($"/api/v1/subscriptions/{id}?application_id={_tenant.ApplicationId}"), 404, "NotFound");
    }

    [Test]
    public async Task List_answers_the_application_subscriptions_in_creation_order()
    {
        var first = await PostJsonAsync(Master(), "/api/v1/subscriptions", ValidBody(), 201);
        var second = await PostJsonAsync(Master(), "/api/v1/subscriptions", ValidBody(), 201);

        var list = (await JsonAsync(await Master().GetAsync($"/api/v1/subscriptions?application_id={_tenant.ApplicationId}"))).AsArray();

        Assert.That(list.Select(s => s!["subscription_id"]!.GetValue<Guid>()),
            Is.EqualTo(new[] { first["subscription_id"]!.GetValue<Guid>(), second["subscription_id"]!.GetValue<Guid>() }));
    }
}
