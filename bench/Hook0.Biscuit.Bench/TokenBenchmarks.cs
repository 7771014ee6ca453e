using BenchmarkDotNet.Attributes;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Bench;

/// <summary>
/// A typical Hook0 request: a 2-block Ed25519 token (user and organization role in the authority,
/// an expiry and operation check in the attenuation block) authorized for one organization.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private const string AuthorizerCode = """
        operation("event:ingest");
        allow if user_id($u), organization_role({organization}, $role), ["editor", "admin"].contains($role);
        """;

    private static readonly byte[] OrganizationId = Convert.FromHexString("5f1e6a7c2b3d4e8f9a0b1c2d3e4f5a6b");

    private readonly Dictionary<string, Term> _parameters = new() { ["organization"] = OrganizationId };
    private PublicKey _rootKey = null!;
    private byte[] _tokenBytes = null!;
    private BiscuitToken _token = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = KeyPair.Generate();
        _rootKey = root.PublicKey;
        _token = BiscuitToken.CreateBuilder(root)
            .AddCode("""
                user_id(hex:0a1b2c3d4e5f60718293a4b5c6d7e8f9);
                organization_role(hex:5f1e6a7c2b3d4e8f9a0b1c2d3e4f5a6b, "editor");
                organization_role(hex:00112233445566778899aabbccddeeff, "viewer");
                """)
            .Build()
            .Attenuate("""
                check if time($t), $t < 2100-01-01T00:00:00Z;
                check if operation($op), ["event:ingest", "event:read"].contains($op);
                """);
        _tokenBytes = _token.ToBytes();
    }

    [Benchmark]
    public BiscuitToken ParseAndVerify() => BiscuitToken.FromBytes(_tokenBytes, _rootKey);

    [Benchmark]
    public AuthorizationResult Authorize() => AuthorizeToken(_token);

    [Benchmark]
    public AuthorizationResult ParseVerifyAndAuthorize() => AuthorizeToken(BiscuitToken.FromBytes(_tokenBytes, _rootKey));

    private AuthorizationResult AuthorizeToken(BiscuitToken token)
    {
        var result = new AuthorizerBuilder()
            .AddCode(AuthorizerCode, _parameters)
            .AddTime(DateTimeOffset.UtcNow)
            .Build(token)
            .Authorize();
        return result.IsAuthorized ? result : throw new InvalidOperationException(result.ToString());
    }
}
