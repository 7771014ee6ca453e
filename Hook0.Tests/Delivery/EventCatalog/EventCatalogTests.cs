using System.Net;
using System.Text.Json.Nodes;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery.EventCatalog;

/// <summary>
/// <c>GET /applications/{id}/asyncapi.json</c> and <c>.yaml</c> (ADR 0027): an AsyncAPI 3.0 document that the AsyncAPI
/// 3.0.0 JSON Schema accepts and the reference parser reads with no error or warning, holding every active event type with
/// its schema, description, example, deprecation and the delivery's headers; the YAML reads back as the same document.
/// Read like the event types (<c>event_type:list</c>), refused like them.
/// </summary>
public sealed class EventCatalogTests : ApiTest
{
    private const string InvoiceSchema = """
        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object","required":["amount","currency"],
         "properties":{"amount":{"type":"integer","minimum":0},"currency":{"$ref":"#/$defs/currency"}},
         "$defs":{"currency":{"type":"string","enum":["EUR","USD"]}}}
        """;

    [Test]
    public async Task The_document_validates_parses_and_holds_every_event_type()
    {
        var tenant = await new Scenario(Master()).TenantAsync(); // billing.invoice.paid, no schema
        await CreateTypeAsync(tenant.ApplicationId, "billing", "invoice", "issued",
            $$""","schema":{{InvoiceSchema}},"description":"An invoice was issued.\nSent once per invoice.","example":{"amount":12,"currency":"EUR"}""");
        await CreateTypeAsync(tenant.ApplicationId, "shop", "cart item", "added", ""","schema":true,"deprecated":true""");
        await CreateTypeAsync(tenant.ApplicationId, "shop", "cart", "gone", "");
        (await Master().DeleteAsync($"/api/v1/event_types/shop.cart.gone?application_id={tenant.ApplicationId}")).EnsureSuccessStatusCode();

        var json = await Master().GetAsync($"/api/v1/applications/{tenant.ApplicationId}/asyncapi.json");
        var yaml = await Master().GetAsync($"/api/v1/applications/{tenant.ApplicationId}/asyncapi.yaml");
        Assert.That(json.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(yaml.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(yaml.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/yaml"));
        var fromJson = await AsyncApiCheck.RunAsync(await json.Content.ReadAsStringAsync(), "json");
        var fromYaml = await AsyncApiCheck.RunAsync(await yaml.Content.ReadAsStringAsync(), "yaml");

        var messages = fromJson["messages"]!.AsArray().ToDictionary(m => m!["name"]!.GetValue<string>(), m => m!);
        var issued = messages["billing.invoice.issued"];
        Assert.Multiple(() =>
        {
            Assert.That(fromJson["schemaErrors"]!.AsArray(), Is.Empty, "the AsyncAPI 3.0.0 JSON Schema accepts it");
            Assert.That(fromJson["diagnostics"]!.AsArray(), Is.Empty, "the parser has no error or warning");
            Assert.That(fromYaml["diagnostics"]!.AsArray(), Is.Empty);
            Assert.That(JsonNode.DeepEquals(fromYaml["document"], fromJson["document"]), Is.True, "the YAML is the same document");
            Assert.That(fromJson["version"]!.GetValue<string>(), Is.EqualTo("3.0.0"));
            Assert.That(fromJson["title"]!.GetValue<string>(), Is.EqualTo("Billing webhooks"));
            Assert.That(messages.Keys, Is.EquivalentTo(new[] { "billing.invoice.paid", "billing.invoice.issued", "shop.cart item.added" }), "active types only");
            Assert.That(fromJson["operations"]!.AsArray().Select(o => o!["action"]!.GetValue<string>()), Is.All.EqualTo("send"));

            Assert.That(JsonNode.DeepEquals(WithoutParserMarks(issued["payload"]!), Dereferenced(JsonNode.Parse(InvoiceSchema)!)), Is.True,
                issued["payload"]!.ToJsonString());
            Assert.That(issued["description"]!.GetValue<string>(), Is.EqualTo("An invoice was issued.\nSent once per invoice."));
            Assert.That(issued["examples"]![0]!.ToJsonString(), Is.EqualTo("""{"amount":12,"currency":"EUR"}"""));
            Assert.That(issued["headers"]!.AsArray().Select(h => h!.GetValue<string>()),
                Is.SupersetOf(new[] { "content-type", "x-event-id", "x-event-type", "X-Hook0-Signature", "webhook-id", "webhook-timestamp", "webhook-signature" }));
            Assert.That(issued["extensions"]!["x-deprecated"], Is.Null);

            var added = messages["shop.cart item.added"];
            Assert.That(added["id"]!.GetValue<string>(), Is.EqualTo("shop.cart_item.added"), "a key AsyncAPI accepts; the name is kept");
            Assert.That(added["extensions"]!["x-deprecated"]!.GetValue<bool>(), Is.True);
            Assert.That(WithoutParserMarks(added["payload"]!).ToJsonString(), Is.EqualTo("{}"), "the boolean schema true in its object form");
            Assert.That(messages["billing.invoice.paid"]["payload"], Is.Null, "no schema: any payload");
        });

        // The header the catalog names for Hook0's signature is the one deliveries carry (SIGNATURE_HEADER_NAME).
        var document = JsonNode.Parse(await json.Content.ReadAsStringAsync())!;
        Assert.That(document["components"]!["messages"]!["billing.invoice.issued"]!["headers"]!["properties"]!["x-event-type"]!["const"]!.GetValue<string>(),
            Is.EqualTo("billing.invoice.issued"));
    }

    [Test]
    public async Task An_application_without_event_types_is_an_empty_but_valid_catalog()
    {
        var scenario = new Scenario(Master());
        var application = await scenario.ApplicationAsync(await scenario.OrganizationAsync());
        var result = await AsyncApiCheck.RunAsync(await Master().GetStringAsync($"/api/v1/applications/{application}/asyncapi.json"), "json");

        Assert.That(result["schemaErrors"]!.AsArray(), Is.Empty);
        Assert.That(result["diagnostics"]!.AsArray(), Is.Empty);
        Assert.That(result["messages"]!.AsArray(), Is.Empty);
    }

    [Test]
    public async Task It_is_read_like_the_event_types_and_refused_like_them()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var other = await scenario.TenantAsync("Other");
        var otherToken = (await PostJsonAsync(Master(), "/api/v1/service_token", new { organization_id = other.OrganizationId, name = "other" }))["biscuit"]!.GetValue<string>();
        var token = (await PostJsonAsync(Master(), "/api/v1/service_token", new { organization_id = tenant.OrganizationId, name = "mine" }))["biscuit"]!.GetValue<string>();
        var eventTypesOnly = Attenuated(token, "check if action($a), {\"event_type:list\"}.contains($a);");
        var noEventTypes = Attenuated(token, "check if action($a), {\"event_type:get\", \"subscription:list\"}.contains($a);");

        foreach (var format in new[] { "json", "yaml" })
        {
            var url = $"/api/v1/applications/{tenant.ApplicationId}/asyncapi.{format}";
            Assert.That((await As(tenant.Secret).GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the application's own secret");
            Assert.That((await As(token).GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a service token of its organization");
            Assert.That((await As(eventTypesOnly).GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "event_type:list is all it takes");
            await AssertProblemAsync(await As(noEventTypes).GetAsync(url), 403, "Forbidden");
            await AssertProblemAsync(await As(otherToken).GetAsync(url), 403, "Forbidden");
            await AssertProblemAsync(await As(other.Secret).GetAsync(url), 403, "Forbidden");
            await AssertProblemAsync(await Anonymous().GetAsync(url), 401, "AuthNoAuthorizationHeader");
            await AssertProblemAsync(await Master().GetAsync($"/api/v1/applications/{Guid.NewGuid()}/asyncapi.{format}"), 403, "Forbidden");
        }

        await AssertProblemAsync(await Master().GetAsync("/api/v1/applications/not-a-uuid/asyncapi.json"), 404, "NotFound");
    }

    private static async Task CreateTypeAsync(Guid applicationId, string service, string resource, string verb, string extra)
    {
        var body = $$$"""{"application_id":"{{{applicationId}}}","service":"{{{service}}}","resource_type":"{{{resource}}}","verb":"{{{verb}}}"{{{extra}}}}""";
        var response = await Master().PostAsync("/api/v1/event_types", RawJson(body));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private static string Attenuated(string token, string check)
    {
        var block = new Hook0.Biscuit.BlockBuilder();
        block.AddCheck(check.TrimEnd(';'));
        return Hook0.Biscuit.BiscuitToken.Parse(token, RootKey).Attenuate(block).ToBase64();
    }

    private static readonly Hook0.Biscuit.Crypto.PublicKey RootKey =
        Hook0.Biscuit.Crypto.KeyPair.FromPrivateKey("ed25519-private/" + Hook0Factory.BiscuitPrivateKey).PublicKey;

    /// <summary>The parser marks every schema it read with <c>x-parser-…</c> members.</summary>
    private static JsonNode WithoutParserMarks(JsonNode node)
    {
        var copy = node.DeepClone();
        Strip(copy);
        return copy;

        static void Strip(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                foreach (var key in o.Select(p => p.Key).Where(k => k.StartsWith("x-parser-", StringComparison.Ordinal)).ToList())
                {
                    o.Remove(key);
                }

                foreach (var (_, value) in o)
                {
                    Strip(value);
                }
            }
            else if (n is JsonArray a)
            {
                foreach (var item in a)
                {
                    Strip(item);
                }
            }
        }
    }

    /// <summary>What the parser gives for a schema whose local reference was re-rooted and resolved: the target inlined.</summary>
    private static JsonNode Dereferenced(JsonNode schema)
    {
        schema["properties"]!["currency"] = schema["$defs"]!["currency"]!.DeepClone();
        return schema;
    }
}
