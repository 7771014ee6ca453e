
namespace Hook0.Modules.Organizations.Contracts;

/// <summary>The invitation as upstream echoes it.</summary>
public sealed record InvitedMember(string Email, string Role);
