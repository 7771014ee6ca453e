using System.Text.Encodings.Web;
using Hook0.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// Reads <c>Authorization: Bearer &lt;token&gt;</c> (a bare token also works, like upstream), asks the
/// registered resolvers who it is, and answers refusals as problem documents.
/// </summary>
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IEnumerable<IBearerCredentialResolver> resolvers)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Hook0Bearer";
    private const string FailureKey = "hook0:auth-problem";
    private readonly IBearerCredentialResolver[] _resolvers = [.. resolvers.OrderBy(r => r.Order)];

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue("Authorization", out var values) || values.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var header = values.ToString();
        if (header.Any(c => c < 0x20 || c > 0x7E))
        {
            return Fail(Problems.AuthInvalidAuthorizationHeader);
        }

        var bearer = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..] : header;
        bearer = bearer.Trim();
        if (bearer.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        foreach (var resolver in _resolvers)
        {
            if (await resolver.ResolveAsync(bearer, Context.RequestAborted) is { } caller)
            {
                return AuthenticateResult.Success(new AuthenticationTicket(new CallerPrincipal(caller), SchemeName));
            }
        }

        return Fail(Problems.AuthInvalidBiscuit);
    }

    private AuthenticateResult Fail(Problem problem)
    {
        Context.Items[FailureKey] = problem;
        return AuthenticateResult.Fail(problem.Id);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        => ProblemWriter.WriteAsync(Context, Context.Items[FailureKey] as Problem ?? Problems.AuthNoAuthorizationHeader);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
        => ProblemWriter.WriteAsync(Context, Problems.Forbidden);
}
