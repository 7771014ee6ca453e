
namespace Hook0.Modules.Organizations.Contracts;

/// <summary>The change as upstream echoes it.</summary>
public sealed record ChangedRole(Guid UserId, string Role);
