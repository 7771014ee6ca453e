using Hook0.Modules.Dashboard.EventTypes;

namespace Hook0.Tests.Dashboard.EventTypes;

/// <summary>A typed schema's parse error says where in words; a saved one is shown indented.</summary>
public sealed class SchemaTextTests
{
    [Test]
    public void A_malformed_schema_says_where_without_the_parsers_internals()
    {
        var (_, error) = SchemaText.Parse("{\n  \"type\": \"object\",\n  \"properties\": {\"a\": }\n}");

        Assert.That(error, Does.StartWith("is not valid JSON (line 3, column"));
        Assert.That(error, Does.Not.Contain("BytePositionInLine").And.Not.Contain("LineNumber").And.Not.Contain("Exception"));
    }

    [Test]
    public void An_empty_box_is_no_schema_and_a_saved_one_reads_indented()
    {
        Assert.That(SchemaText.Parse("  ").Schema.ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Undefined));
        var (schema, error) = SchemaText.Parse("""{"type":"object","required":["amount"]}""");
        Assert.That(error, Is.Null);
        Assert.That(SchemaText.Show(schema).ReplaceLineEndings("\n"), Is.EqualTo("{\n  \"type\": \"object\",\n  \"required\": [\n    \"amount\"\n  ]\n}"));
    }
}
