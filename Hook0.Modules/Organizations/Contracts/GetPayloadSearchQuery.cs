using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Whether a live application has payload search on (ADR 0025): Ingestion marks its JSON events searchable at
/// ingest, and refuses a payload search of an application without it. False for an unknown or deleted application.
/// </summary>
public sealed record GetPayloadSearchQuery(Guid ApplicationId) : IQuery<bool>
{
    /// <summary>
    /// The cache channel's topic on which an application's changes are announced (key: its id), for the modules that
    /// cache what this query answers.
    /// </summary>
    public const string CacheTopic = "application";
}
