
namespace Hook0.Modules.Organizations.Contracts;

/// <summary>What registration answers (201).</summary>
public sealed record Registration(Guid OrganizationId, Guid UserId);
