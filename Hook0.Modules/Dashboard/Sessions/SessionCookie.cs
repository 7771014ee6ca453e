using System.Security.Claims;
using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Dashboard.Sessions;

/// <summary>
/// The browser's half of a session: the session's random secret, protected with ASP.NET Core Data Protection (so a
/// forged or altered cookie is refused before any lookup), HTTP-only, SameSite=Lax, and Secure whenever
/// the dashboard is served over HTTPS.
/// </summary>
public sealed class SessionCookie(IDataProtectionProvider protection, IOptions<ServerOptions> server)
{
    public const string Name = "hook0_session";
    public const string ClaimType = "hook0:dashboard-session";
    public const string AuthenticationType = "Hook0Dashboard";

    private readonly IDataProtector _protector = protection.CreateProtector("Hook0.Dashboard.Session");

    public void Write(HttpContext context, string sessionId)
        => context.Response.Cookies.Append(Name, _protector.Protect(sessionId), Options(context));

    public void Delete(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context));

    public string? Read(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The request's user: the secret stays in the claim, server-side only, so the circuit can resume the session on each call.</summary>
    public static ClaimsPrincipal Principal(string secret, DashboardSessionState session)
        => new(new ClaimsIdentity(
            [new Claim(ClaimType, secret), new Claim(ClaimTypes.NameIdentifier, session.UserId.ToString())],
            AuthenticationType));

    private CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps || server.Value.AppUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase),
        Path = "/",
        IsEssential = true,
    };
}
