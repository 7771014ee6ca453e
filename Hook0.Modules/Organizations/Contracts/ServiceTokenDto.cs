namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// A service token as upstream shows it: the full Biscuit is returned by create, list and get (it can
/// be attenuated offline from there).
/// </summary>
public sealed record ServiceTokenDto(Guid TokenId, string Name, string Biscuit, DateTime CreatedAt);
