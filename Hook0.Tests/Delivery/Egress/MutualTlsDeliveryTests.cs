using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Hook0.Modules.Delivery.Certificates;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hook0.Tests.Delivery.Egress;

/// <summary>Mutual TLS per subscription against a Kestrel receiver that requires a client certificate.</summary>
[NonParallelizable]
public sealed class MutualTlsDeliveryTests : ApiTest
{
    private readonly ListLoggerProvider _logs = new();
    private DeliveryHost _host = null!;
    private X509Certificate2 _serverAuthority = null!;
    private X509Certificate2 _clientAuthority = null!;
    private X509Certificate2 _server = null!;
    private MtlsReceiver _receiver = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _serverAuthority = TestCertificates.Authority("Receiver CA");
        _clientAuthority = TestCertificates.Authority("Client CA");
        _server = TestCertificates.Server(_serverAuthority);
        _receiver = await MtlsReceiver.StartAsync(_server, _clientAuthority);
        _host = new DeliveryHost(services: s => s.AddSingleton<ILoggerProvider>(_logs));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
        _server.Dispose();
        _serverAuthority.Dispose();
        _clientAuthority.Dispose();
    }

    [SetUp]
    public void ClearReceiver() => _receiver.ClientThumbprints.Clear();

    private static object Pair((string Certificate, string PrivateKey) pem) => new { certificate = pem.Certificate, private_key = pem.PrivateKey };

    private async Task<(Tenant Tenant, Dictionary<string, object?> Body)> BodyAsync(object? certificates, string? ca)
    {
        var tenant = await new Scenario(_host.Master()).TenantAsync();
        var body = new Dictionary<string, object?>
        {
            ["application_id"] = tenant.ApplicationId, ["is_enabled"] = true, ["event_types"] = new[] { tenant.EventType },
            ["labels"] = new Dictionary<string, string> { ["env"] = "prod" },
            ["target"] = new { type = "http", method = "POST", url = _receiver.Url, headers = new Dictionary<string, string>() },
            ["retry_policy"] = new { max_retries = 0, schedule = new[] { 1 } },
        };
        if (certificates is not null)
        {
            body["client_certificates"] = certificates;
        }

        if (ca is not null)
        {
            body["server_ca_pem"] = ca;
        }

        return (tenant, body);
    }

    private async Task<string> DeliverOnceAsync(Tenant tenant)
    {
        await new Scenario(_host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType);
        return (await Eventually.ReadAsync(() => Database.ScalarAsync<string>(
                "SELECT outcome || '|' || coalesce(http_code::text, '-') || '|' || coalesce(response_error_name, '-') || '|' || coalesce(convert_from(response_body, 'UTF8'), '') FROM webhook.attempt"),
            v => v is not null, TimeSpan.FromSeconds(15)))!;
    }

    [Test]
    public async Task A_delivery_presents_the_client_certificate_and_trusts_only_the_pinned_ca()
    {
        using var client = TestCertificates.Client(_clientAuthority, "hook0-client", DateTimeOffset.UtcNow.AddDays(90), out var pem);
        var (tenant, body) = await BodyAsync(new[] { Pair(pem) }, _serverAuthority.ExportCertificatePem());
        await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body);

        var attempt = await DeliverOnceAsync(tenant);

        Assert.That(attempt, Is.EqualTo("succeeded|200|-|ok"));
        Assert.That(_receiver.ClientThumbprints, Is.EqualTo(new[] { client.Thumbprint }));
    }

    [Test]
    public async Task Without_a_client_certificate_the_delivery_fails_clearly()
    {
        var (tenant, body) = await BodyAsync(null, _serverAuthority.ExportCertificatePem());
        await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body);

        var attempt = await DeliverOnceAsync(tenant);

        Assert.That(attempt, Does.StartWith("given_up|-|E_CONNECTION|").And.Contain("Cause:"));
        Assert.That(_receiver.ClientThumbprints, Is.Empty);
    }

    [Test]
    public async Task A_receiver_whose_certificate_is_not_from_the_pinned_ca_is_refused()
    {
        using var other = TestCertificates.Authority("Some other CA");
        using var client = TestCertificates.Client(_clientAuthority, "hook0-client", DateTimeOffset.UtcNow.AddDays(90), out var pem);
        var (tenant, body) = await BodyAsync(new[] { Pair(pem) }, other.ExportCertificatePem());
        await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body);

        var attempt = await DeliverOnceAsync(tenant);

        Assert.That(attempt, Does.StartWith("given_up|-|E_CONNECTION|").And.Contain("The remote certificate was rejected"));
        Assert.That(_receiver.ClientThumbprints, Is.Empty);
    }

    [Test]
    public async Task During_a_rotation_both_certificates_are_held_and_the_newest_is_presented()
    {
        using var old = TestCertificates.Client(_clientAuthority, "old", DateTimeOffset.UtcNow.AddDays(20), out var oldPem);
        using var next = TestCertificates.Client(_clientAuthority, "next", DateTimeOffset.UtcNow.AddDays(400), out var nextPem);
        var (tenant, body) = await BodyAsync(new[] { Pair(oldPem) }, _serverAuthority.ExportCertificatePem());
        var created = await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body);
        var id = created["subscription_id"]!.GetValue<Guid>();
        body["client_certificates"] = new object[] { new { thumbprint = old.Thumbprint }, Pair(nextPem) };

        var rotated = await JsonAsync(await _host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", body));
        var attempt = await DeliverOnceAsync(tenant);

        Assert.Multiple(() =>
        {
            Assert.That(rotated["client_certificates"]!.AsArray().Select(c => c!["thumbprint"]!.GetValue<string>()), Is.EqualTo(new[] { next.Thumbprint, old.Thumbprint }));
            Assert.That(rotated["client_certificate_expires_at"]!.GetValue<DateTime>(), Is.EqualTo(next.NotAfter.ToUniversalTime()).Within(TimeSpan.FromSeconds(1)));
            Assert.That(attempt, Does.StartWith("succeeded|200"));
            Assert.That(_receiver.ClientThumbprints, Is.EqualTo(new[] { next.Thumbprint }));
        });
    }

    [Test]
    public async Task Keys_are_sealed_at_rest_and_never_returned()
    {
        using var client = TestCertificates.Client(_clientAuthority, "hook0-client", DateTimeOffset.UtcNow.AddDays(90), out var pem);
        var (tenant, body) = await BodyAsync(new[] { Pair(pem) }, null);
        var created = await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", body);
        var id = created["subscription_id"]!.GetValue<Guid>();
        var fetched = await (await _host.Master().GetAsync($"/api/v1/subscriptions/{id}?application_id={tenant.ApplicationId}")).Content.ReadAsStringAsync();
        var listed = await (await _host.Master().GetAsync($"/api/v1/subscriptions?application_id={tenant.ApplicationId}")).Content.ReadAsStringAsync();
        var stored = await Database.ScalarAsync<string>($"SELECT client_certificates::text FROM webhook.subscription WHERE subscription_id = '{id}'");
        var keyBody = pem.PrivateKey.Split('\n')[1];
        body.Remove("client_certificates");
        var kept = await JsonAsync(await _host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", body));
        body["client_certificates"] = null;
        var removed = await JsonAsync(await _host.Master().PutAsJsonAsync($"/api/v1/subscriptions/{id}", body));

        Assert.Multiple(() =>
        {
            Assert.That(created["client_certificates"]!.ToJsonString(), Is.EqualTo(
                $$"""[{"subject":"CN=hook0-client","thumbprint":"{{client.Thumbprint}}","expires_at":"{{client.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}}"}]"""));
            Assert.That(created.ToJsonString() + fetched + listed, Does.Not.Contain("PRIVATE KEY").And.Not.Contain(keyBody));
            Assert.That(stored, Does.Contain(client.Thumbprint).And.Not.Contain("PRIVATE KEY").And.Not.Contain(keyBody));
            Assert.That(_logs.Lines.Select(l => l.Message), Has.None.Contains(keyBody));
            Assert.That(kept["client_certificates"]!.AsArray(), Has.Count.EqualTo(1), "an upstream client's update keeps them");
            Assert.That(removed["client_certificates"], Is.Null);
            Assert.That(removed["client_certificate_expires_at"], Is.Null);
        });
    }

    [Test]
    public async Task An_expiring_certificate_is_announced_once_fourteen_days_ahead()
    {
        using var soon = TestCertificates.Client(_clientAuthority, "soon", DateTimeOffset.UtcNow.AddDays(10), out var soonPem);
        using var later = TestCertificates.Client(_clientAuthority, "later", DateTimeOffset.UtcNow.AddDays(60), out var laterPem);
        var (_, expiring) = await BodyAsync(new[] { Pair(soonPem) }, null);
        var expiringId = (await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", expiring))["subscription_id"]!.GetValue<Guid>();
        var (_, fine) = await BodyAsync(new[] { Pair(laterPem) }, null);
        await PostJsonAsync(_host.Master(), "/api/v1/subscriptions", fine);
        var watch = _host.Services.GetRequiredService<CertificateExpiryWatch>();

        var first = await watch.RunOnceAsync(CancellationToken.None);
        var second = await watch.RunOnceAsync(CancellationToken.None);

        var told = await Database.ScalarAsync<string>(
            "SELECT string_agg(subscription_id || '|' || (data->>'certificate_thumbprint'), ',') FROM webhook.operational_event WHERE event_type = 'hook0.subscription.certificate_expiring'");
        Assert.Multiple(() =>
        {
            Assert.That((first, second), Is.EqualTo((1, 0)));
            Assert.That(told, Is.EqualTo($"{expiringId}|{soon.Thumbprint}"));
        });
    }

    [TestCase("garbage")]
    [TestCase("expired")]
    [TestCase("mismatched")]
    [TestCase("unknown-thumbprint")]
    [TestCase("three")]
    public async Task A_bad_certificate_is_a_validation_problem(string kind)
    {
        using var expired = TestCertificates.Client(_clientAuthority, "expired", DateTimeOffset.UtcNow.AddMinutes(-1), out var expiredPem);
        using var one = TestCertificates.Client(_clientAuthority, "one", DateTimeOffset.UtcNow.AddDays(30), out var onePem);
        using var two = TestCertificates.Client(_clientAuthority, "two", DateTimeOffset.UtcNow.AddDays(30), out var twoPem);
        object certificates = kind switch
        {
            "garbage" => new[] { new { certificate = "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----", private_key = "secret-ish" } },
            "expired" => new[] { Pair(expiredPem) },
            "mismatched" => new[] { new { certificate = onePem.Certificate, private_key = twoPem.PrivateKey } },
            "unknown-thumbprint" => new[] { new { thumbprint = "ABCDEF" } },
            _ => new[] { Pair(onePem), Pair(twoPem), Pair(onePem) },
        };
        var (_, body) = await BodyAsync(certificates, null);

        var problem = await AssertProblemAsync(await _host.Master().PostAsJsonAsync("/api/v1/subscriptions", body), 422, "Validation");

        Assert.That(problem["validation"]!.AsObject().Select(kv => kv.Key), Has.Some.StartsWith("client_certificates"), problem.ToJsonString());
        Assert.That(problem.ToJsonString(), Does.Not.Contain(twoPem.PrivateKey.Split('\n')[1]).And.Not.Contain("secret-ish"), "key material is never echoed");
        Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM webhook.subscription"), Is.Zero);
    }

    [Test]
    public async Task A_ca_bundle_that_is_not_pem_is_a_validation_problem()
    {
        var (_, body) = await BodyAsync(null, "not a certificate");

        var problem = await AssertProblemAsync(await _host.Master().PostAsJsonAsync("/api/v1/subscriptions", body), 422, "Validation");

        Assert.That(problem["validation"]!["server_ca_pem"], Is.Not.Null);
    }
}
