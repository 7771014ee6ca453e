namespace Hook0.Modules.Organizations.Tokens;

/// <summary>The <c>type</c> fact of the tokens this instance mints (reference §6.2), and their versions.</summary>
internal static class TokenTypes
{
    public const string UserAccess = "user_access";
    public const string Refresh = "refresh";
    public const string ServiceAccess = "service_access";
    public const string EmailVerification = "email_verification";
    public const string PasswordReset = "password_reset";

    public const long Version = 1;

    public static readonly TimeSpan UserAccessLifetime = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan EmailVerificationLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromMinutes(30);
}
