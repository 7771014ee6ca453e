using System.Reflection;
using Hook0.Biscuit;
using Microsoft.AspNetCore.Http;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// Who is calling, as established by authentication. Commands carry it explicitly so that the same
/// authorization applies whether a request arrives over HTTP or from a dashboard circuit.
/// </summary>
/// <param name="Kind">The credential kind.</param>
/// <param name="OrganizationId">The organization a service token or an application secret belongs to.</param>
/// <param name="ApplicationId">The application of an application secret.</param>
/// <param name="UserId">The user of a user session.</param>
/// <param name="Roles">A user's role per organization, as the token states them.</param>
/// <param name="RateLimitKey">A stable, non-secret key identifying the credential (for per-token limits).</param>
public sealed record Caller(
    CallerKind Kind,
    Guid? OrganizationId = null,
    Guid? ApplicationId = null,
    Guid? UserId = null,
    IReadOnlyDictionary<Guid, string>? Roles = null,
    string? RateLimitKey = null)
{
    public static Caller MasterKey { get; } = new(CallerKind.Master, RateLimitKey: "master");

    /// <summary>
    /// The verified Biscuit behind a token caller: every action is authorized by running it through
    /// the Datalog policy, so checks added by attenuation blocks are honoured.
    /// </summary>
    public BiscuitToken? Token { get; init; }

    /// <summary>The session of a user token (logout ends it).</summary>
    public Guid? SessionId { get; init; }

    /// <summary>Revocation id of the token's authority block (hex), shared by every attenuation of it.</summary>
    public string? RevocationId { get; init; }

    /// <summary>
    /// Facts the authenticator vouches for at this moment and hands to the Datalog authorizer on every access (a
    /// portal session's liveness: its token checks for them, so a session found dead gets no verdict).
    /// </summary>
    public IReadOnlyList<Hook0.Biscuit.Datalog.Fact>? Facts { get; init; }

    /// <summary>Minimal API binding: endpoints declare a <see cref="Caller"/> parameter.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context, ParameterInfo parameter)
        => ValueTask.FromResult(context.User is CallerPrincipal principal ? principal.Caller : null);
}
