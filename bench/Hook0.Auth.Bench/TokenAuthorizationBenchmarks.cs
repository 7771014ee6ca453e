using BenchmarkDotNet.Attributes;
using Hook0.Biscuit;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Notifications;
using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Organizations.Keys;
using Hook0.Modules.Organizations.Tokens;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Auth.Bench;

/// <summary>
/// What one API request pays to authenticate and authorize a service token attenuated to one
/// application (the hot producer's case): the verified-token cache hit plus upstream's Datalog
/// policy for <c>event:ingest</c>; and, for comparison, the cold path with the signature check.
/// The revocation lookup is a dictionary hit in the same cache style and is not included.
/// <see cref="CachedVerdictPerRequest"/> is the lean ingest route's case (issue #21): the caller carries its root
/// token's revocation id, so the allowed verdict is kept (<see cref="AuthorizationDecisions"/>).
/// </summary>
[MemoryDiagnoser]
public class TokenAuthorizationBenchmarks
{
    private readonly Guid _organizationId = Guid.NewGuid();
    private readonly Guid _applicationId = Guid.NewGuid();
    private TokenVerifier _verifier = null!;
    private DatalogAuthorizer _authorizer = null!;
    private BiscuitRootKey _key = null!;
    private string _token = null!;
    private Access _access = null!;
    private Access _revocableAccess = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = BiscuitRootKey.FromPrivateKeyHex(BiscuitRootKey.GeneratePrivateKeyHex());
        var minted = new TokenMinter(_key, TimeProvider.System).ServiceAccess(Guid.NewGuid(), _organizationId);
        _token = BiscuitToken.Parse(minted.Biscuit, _key.KeyPair.PublicKey)
            .Attenuate($"check if application_id(hex:{Convert.ToHexStringLower(_applicationId.ToByteArray(bigEndian: true))});")
            .ToBase64();
        _verifier = new TokenVerifier(_key);
        // Never started: it only routes invalidations, and none arrive here.
        var hub = new PgNotificationHub(NpgsqlDataSource.Create("Host=127.0.0.1"), NullLogger<PgNotificationHub>.Instance);
        _authorizer = new DatalogAuthorizer(Options.Create(new TokenAuthorizationOptions()), TimeProvider.System,
            new AuthorizationDecisions(hub, TimeProvider.System));
        var verified = _verifier.Verify(_token)!;
        var caller = new Caller(CallerKind.ServiceToken, _organizationId) { Token = verified.Token };
        _access = new Access(caller, Actions.EventIngest, ApplicationId: _applicationId);
        _revocableAccess = _access with { Caller = caller with { RevocationId = verified.RevocationIdHex } };
    }

    [Benchmark(Baseline = true)]
    public void CachedTokenPerRequest()
    {
        var token = _verifier.Verify(_token)!;
        _authorizer.Authorize(token.Token, _access, _organizationId);
    }

    [Benchmark]
    public void ColdTokenPerRequest()
    {
        var token = BiscuitToken.Parse(_token, _key.KeyPair.PublicKey);
        _authorizer.Authorize(token, _access, _organizationId);
    }

    [Benchmark]
    public void CachedVerdictPerRequest()
    {
        var token = _verifier.Verify(_token)!;
        _authorizer.Authorize(token.Token, _revocableAccess, _organizationId);
    }
}
