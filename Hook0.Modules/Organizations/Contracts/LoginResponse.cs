namespace Hook0.Modules.Organizations.Contracts;

/// <summary>A new session's token pair (login, refresh and e-mail verification answer with it).</summary>
public sealed record LoginResponse(
    string AccessToken,
    DateTime AccessTokenExpiration,
    string RefreshToken,
    DateTime RefreshTokenExpiration,
    Guid UserId,
    string Email,
    string FirstName,
    string LastName);
