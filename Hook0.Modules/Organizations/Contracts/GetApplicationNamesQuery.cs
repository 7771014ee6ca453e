using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Names of an organization's applications (or of one application), soft-deleted ones included:
/// historical figures such as events per day still belong to them. Organization-wide, the system
/// application is left out; asked by its id, it answers.
/// </summary>
public sealed record GetApplicationNamesQuery(Guid? OrganizationId, Guid? ApplicationId) : IQuery<IReadOnlyList<ApplicationName>>;

public sealed record ApplicationName(Guid ApplicationId, string Name);
