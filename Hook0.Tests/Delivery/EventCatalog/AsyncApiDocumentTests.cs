using System.Text.Json;
using System.Text.Json.Nodes;
using Hook0.Modules.Delivery.EventCatalog;
using Hook0.Modules.Delivery.Sending.Signing;
using Hook0.Modules.Ingestion.Contracts;

namespace Hook0.Tests.Delivery.EventCatalog;

/// <summary>The mapping choices of the AsyncAPI document (keys, schemas, deprecation) and its YAML, without a server.</summary>
public sealed class AsyncApiDocumentTests
{
    [Test]
    public void Keys_keep_what_AsyncAPI_allows_and_never_collide()
    {
        var taken = new HashSet<string>();
        Assert.Multiple(() =>
        {
            Assert.That(AsyncApiDocument.UniqueKey("billing.invoice.paid", taken), Is.EqualTo("billing.invoice.paid"));
            Assert.That(AsyncApiDocument.UniqueKey("a b.c/d.é", taken), Is.EqualTo("a_b.c_d._"));
            Assert.That(AsyncApiDocument.UniqueKey("a_b.c_d._", taken), Is.EqualTo("a_b.c_d._-2"), "the same key twice gets a suffix");
            Assert.That(AsyncApiDocument.UniqueKey("a?b.c_d._", taken), Is.EqualTo("a_b.c_d._-3"));
        });
    }

    [Test]
    public void Local_references_are_rerooted_and_data_is_left_alone()
    {
        var schema = JsonDocument.Parse("""
            {"$ref":"#/$defs/a","items":[{"$ref":"#"}],"$defs":{"a":{"$ref":"#anchor"}},
             "const":{"$ref":"#/x"},"enum":[{"$ref":"#/y"}],"properties":{"p":{"$ref":"https://example.com/s#/z"}}}
            """).RootElement;

        var rerooted = AsyncApiDocument.PayloadSchema(schema, "#/components/schemas/k");

        Assert.That(rerooted.ToJsonString(), Is.EqualTo("""
            {"$ref":"#/components/schemas/k/$defs/a","items":[{"$ref":"#/components/schemas/k"}],"$defs":{"a":{"$ref":"#anchor"}},"const":{"$ref":"#/x"},"enum":[{"$ref":"#/y"}],"properties":{"p":{"$ref":"https://example.com/s#/z"}}}
            """.Trim()));
        Assert.That(AsyncApiDocument.PayloadSchema(JsonDocument.Parse("false").RootElement, "#").ToJsonString(), Is.EqualTo("""{"not":{}}"""));
    }

    [Test]
    public void A_deprecated_type_is_marked_on_its_message_and_operation_and_the_signature_text_follows_the_versions()
    {
        var types = new[]
        {
            new EventTypeDto("s", "r", "v", "s.r.v") { Deprecated = true },
            new EventTypeDto("s", "r", "w", "s.r.w"),
        };

        var document = AsyncApiDocument.Build(Guid.NewGuid(), "App", types, "X-Sig", SignatureVersions.V0);
        var deprecated = document["components"]!["messages"]!["s.r.v"]!;
        var signature = deprecated["headers"]!["properties"]!["X-Sig"]!["description"]!.GetValue<string>();

        Assert.Multiple(() =>
        {
            Assert.That(deprecated["x-deprecated"]!.GetValue<bool>(), Is.True);
            Assert.That(document["operations"]!["s.r.v"]!["x-deprecated"]!.GetValue<bool>(), Is.True);
            Assert.That(document["components"]!["messages"]!["s.r.w"]!["x-deprecated"], Is.Null);
            Assert.That(signature, Does.Contain("v0=").And.Not.Contain("v1="));
            Assert.That(document["components"]!.AsObject().ContainsKey("schemas"), Is.False, "no schema, no schemas section");
        });
    }

    [Test]
    public void The_version_changes_with_the_catalog_and_only_with_it()
    {
        var id = Guid.NewGuid();
        string Version(params EventTypeDto[] types) => AsyncApiDocument.Build(id, "App", types, "X-Sig", SignatureVersions.V1)["info"]!["version"]!.GetValue<string>();
        var one = new EventTypeDto("s", "r", "v", "s.r.v");

        Assert.That(Version(one), Is.EqualTo(Version(one)));
        Assert.That(Version(one with { }, new EventTypeDto("s", "r", "w", "s.r.w")), Is.Not.EqualTo(Version(one)));
        Assert.That(Version(one with { Description = "now described" }), Is.Not.EqualTo(Version(one)));
    }

    [TestCase("true")]
    [TestCase("False")]
    [TestCase("null")]
    [TestCase("~")]
    [TestCase("yes")]
    [TestCase("12")]
    [TestCase("-1")]
    [TestCase(".5")]
    [TestCase("")]
    [TestCase(" padded ")]
    public void Strings_that_YAML_would_read_as_something_else_are_double_quoted(string text)
    {
        var yaml = YamlText.From(new JsonObject { ["key"] = text, ["true"] = 1, ["nothing"] = null, ["list"] = new JsonArray(false, 2.5) });

        Assert.That(yaml, Does.Contain($"key: \"{text}\"\n").And.Contain("\"true\": 1").And.Contain("nothing: null").And.Contain("- false").And.Contain("- 2.5"), yaml);
    }

    [TestCase("a: b # c")]
    [TestCase("line one\nline two")]
    [TestCase("\"quoted\" and 'single'")]
    [TestCase("{not: a map}")]
    [TestCase("x-event-id")]
    public void Other_strings_read_back_as_they_were(string text)
    {
        var yaml = YamlText.From(new JsonObject { ["key"] = text });
        var read = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, string>>(yaml);

        Assert.That(read["key"], Is.EqualTo(text), yaml);
    }
}
