namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>Bounds of the fields an event type carries besides its name, shared by the API's validator and the dashboard's form.</summary>
public static class EventTypeFields
{
    public const int MaxDescriptionLength = 1000;

    /// <summary>An example is a documentation aid, not a payload store: serialized without whitespace.</summary>
    public const int MaxExampleBytes = 64 * 1024;
}
