using System.Text;
using System.Text.Json;
using Hook0.Modules.Dashboard.EventTypes;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.IngestEvent;

namespace Hook0.Tests.Dashboard.EventTypes;

/// <summary>
/// The test event's suggested payload: the type's example first, then the schema's examples, then a minimal instance
/// that ingest's own schema check accepts (checked here through <see cref="PayloadSchemas"/>, the ingest path's checker).
/// </summary>
public sealed class SamplePayloadTests
{
    private static EventTypeDto Type(string? schema, string? example = null)
        => new("s", "r", "v", "s.r.v", schema is null ? null : JsonDocument.Parse(schema).RootElement.Clone())
        {
            Example = example is null ? null : JsonDocument.Parse(example).RootElement.Clone(),
        };

    private static IReadOnlyList<PayloadError> Failures(string schema, string payload)
        => PayloadSchemas.Failures(PayloadSchemas.Compile(schema, TimeSpan.FromSeconds(5)), Encoding.UTF8.GetBytes(payload));

    [Test]
    public void The_types_own_example_comes_first()
    {
        var (json, source) = SamplePayload.For(Type("""{"examples":[{"from":"schema"}]}""", """{"from":"type"}"""));

        Assert.That(source, Is.EqualTo("example"));
        Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("from").GetString(), Is.EqualTo("type"));
    }

    [Test]
    public void Then_the_schemas_first_example()
    {
        var (json, source) = SamplePayload.For(Type("""{"type":"object","examples":[{"from":"schema"},{"from":"second"}]}"""));

        Assert.That(source, Is.EqualTo("schema examples"));
        Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("from").GetString(), Is.EqualTo("schema"));
    }

    [Test]
    public void Without_a_schema_a_placeholder()
        => Assert.That(SamplePayload.For(Type(null)), Is.EqualTo(("{\n  \"test\": true\n}", "default")));

    [TestCase("""{"type":"object","required":["amount","currency"],"properties":{"amount":{"type":"integer","minimum":1},"currency":{"type":"string","enum":["EUR","USD"]}}}""")]
    [TestCase("""{"type":"object","required":["id","at","email","kind","tags"],"additionalProperties":false,"properties":{"id":{"type":"string","format":"uuid"},"at":{"type":"string","format":"date-time"},"email":{"type":"string","format":"email"},"kind":{"const":"order"},"tags":{"type":"array","minItems":2,"items":{"type":"string","minLength":3}}}}""")]
    [TestCase("""{"type":"object","required":["customer"],"properties":{"customer":{"$ref":"#/$defs/customer"}},"$defs":{"customer":{"type":"object","required":["id","score"],"properties":{"id":{"type":"string","minLength":2,"maxLength":4},"score":{"type":"number","exclusiveMinimum":10,"multipleOf":5}}}}}""")]
    [TestCase("""{"allOf":[{"type":"object","required":["a"],"properties":{"a":{"type":"boolean"}}},{"required":["b"],"properties":{"b":{"type":["null","integer"],"maximum":-3}}}]}""")]
    [TestCase("""{"type":"object","required":["choice","pair"],"properties":{"choice":{"oneOf":[{"type":"string","minLength":1},{"type":"integer"}]},"pair":{"type":"array","prefixItems":[{"type":"integer"},{"type":"string"}],"minItems":2}}}""")]
    [TestCase("""{"type":"object","required":["node"],"properties":{"node":{"$ref":"#"}}}""")]
    public void A_generated_payload_satisfies_ingests_check(string schema)
    {
        var (json, source) = SamplePayload.For(Type(schema));

        Assert.That(source, Is.EqualTo("generated"));
        if (schema.Contains("\"$ref\":\"#\"", StringComparison.Ordinal))
        {
            // A required self-reference has no finite instance: the builder stops at its depth bound, and the check says why.
            Assert.That(Failures(schema, json), Is.Not.Empty);
            Assert.That(json.Length, Is.LessThan(10_000));
            return;
        }

        Assert.That(Failures(schema, json), Is.Empty, json);
    }

    [Test]
    public void A_huge_schema_gives_a_bounded_payload()
    {
        var properties = string.Join(",", Enumerable.Range(0, 2000).Select(i => $"\"p{i}\":{{\"type\":\"string\",\"minLength\":100000}}"));
        var required = string.Join(",", Enumerable.Range(0, 2000).Select(i => $"\"p{i}\""));
        var schema = JsonDocument.Parse("{\"type\":\"object\",\"required\":[" + required + "],\"properties\":{" + properties + "}}").RootElement;

        var generated = SamplePayload.Generate(schema)!.ToJsonString();

        Assert.That(generated.Length, Is.LessThanOrEqualTo(SamplePayload.MaxNodes * (SamplePayload.MaxStringLength + 16)));
    }
}
