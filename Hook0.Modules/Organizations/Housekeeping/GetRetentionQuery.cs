using Mediator;

namespace Hook0.Modules.Organizations.Housekeeping;

/// <summary>
/// How many days each application's events are kept (its own limit, else the global quota), deleted
/// applications included; none is listed while quotas are not enforced (retention is then unlimited, as upstream).
/// </summary>
internal sealed record GetRetentionQuery : IQuery<IReadOnlyList<ApplicationRetention>>;

internal sealed record ApplicationRetention(Guid ApplicationId, int Days);
