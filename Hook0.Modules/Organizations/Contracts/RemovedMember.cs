
namespace Hook0.Modules.Organizations.Contracts;

/// <summary>The removal as upstream echoes it.</summary>
public sealed record RemovedMember(Guid UserId);
