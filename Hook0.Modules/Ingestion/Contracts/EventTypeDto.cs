namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>An event type as the API shows it.</summary>
public sealed record EventTypeDto(string ServiceName, string ResourceTypeName, string VerbName, string EventTypeName);
