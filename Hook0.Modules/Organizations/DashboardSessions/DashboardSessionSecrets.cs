using System.Security.Cryptography;
using Hook0.Modules.Kernel.Secrets;

namespace Hook0.Modules.Organizations.DashboardSessions;

/// <summary>
/// The purposes a dashboard session's values are sealed and hashed under (authenticated by <see cref="SecretBox"/>,
/// so a value copied into another column does not open there), and the browser's secret.
/// </summary>
internal static class DashboardSessionSecrets
{
    public const string Lookup = "iam.dashboard_session.secret";
    public const string AccessToken = "iam.dashboard_session.access_token";
    public const string RefreshToken = "iam.dashboard_session.refresh_token";

    /// <summary>A 256-bit secret is 43 characters in base64url; longer input is not one of ours and is not hashed.</summary>
    public const int SecretMaxLength = 64;

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Bounded(string? text, int maxLength) => text is null ? null : text.Length <= maxLength ? text : text[..maxLength];
}
