using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Tests.Infrastructure;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Dashboard.Events;

/// <summary>The composer's as-you-type check answers what ingestion would, with each failing JSON path.</summary>
public sealed class ValidateEventPayloadTests : ApiTest
{
    private const string Schema = """
        {"type":"object","required":["amount","currency"],
         "properties":{"amount":{"type":"integer","minimum":0},"currency":{"type":"string","enum":["EUR","USD"]}}}
        """;

    private Tenant _tenant = null!;

    [SetUp]
    public async Task CreateTypedTenantAsync()
    {
        _tenant = await new Scenario(Master()).TenantAsync();
        await PostJsonAsync(Master(), "/api/v1/event_types", new
        {
            application_id = _tenant.ApplicationId, service = "shop", resource_type = "order", verb = "paid",
            schema = System.Text.Json.JsonDocument.Parse(Schema).RootElement,
        });
    }

    [Test]
    public async Task Schema_violations_name_their_json_paths_and_a_conforming_payload_passes()
    {
        var bad = await ValidateAsync("shop.order.paid", """{"amount":-1,"currency":"GBP"}""");
        var good = await ValidateAsync("shop.order.paid", """{"amount":1,"currency":"EUR"}""");

        Assert.Multiple(() =>
        {
            Assert.That(bad.HasSchema, Is.True);
            Assert.That(bad.Errors.Select(e => e.Path), Is.EquivalentTo(new[] { "/amount", "/currency" }));
            Assert.That(bad.Errors.Single(e => e.Path == "/amount").Message, Does.Contain("0"));
            Assert.That(good.IsValid, Is.True);
        });
    }

    [Test]
    public async Task Missing_properties_broken_json_and_unknown_types_are_reported_at_the_root()
    {
        var missing = await ValidateAsync("shop.order.paid", """{"amount":1}""");
        var broken = await ValidateAsync("shop.order.paid", """{"amount":""");
        var unknown = await ValidateAsync("shop.order.lost", "{}");
        var badBase64 = await ValidateAsync("shop.order.paid", "%%%", PayloadContentTypes.Base64);

        Assert.Multiple(() =>
        {
            Assert.That(missing.Errors.Single().Path, Is.EqualTo("/"));
            Assert.That(missing.Errors.Single().Message, Does.Contain("currency"));
            Assert.That(broken.Errors.Single().Message, Does.StartWith("The payload is not valid JSON"));
            Assert.That(unknown.Errors.Single().Message, Is.EqualTo("The event type 'shop.order.lost' does not exist for this application."));
            Assert.That(badBase64.Errors.Single().Message, Is.EqualTo("The payload is not valid standard base64."));
        });
    }

    [Test]
    public async Task Text_payloads_and_types_without_a_schema_are_not_schema_checked()
    {
        Assert.That((await ValidateAsync("shop.order.paid", "not json at all", PayloadContentTypes.Text)).IsValid, Is.True);
        var untyped = await ValidateAsync(_tenant.EventType, """{"anything":true}""");
        Assert.That((untyped.HasSchema, untyped.IsValid), Is.EqualTo((false, true)));
    }

    private async Task<PayloadValidation> ValidateAsync(string type, string payload, string contentType = PayloadContentTypes.Json)
    {
        await using var scope = ApiFixture.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(
            new ValidateEventPayloadQuery(Caller.MasterKey, _tenant.ApplicationId, type, contentType, payload));
    }
}
