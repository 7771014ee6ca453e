using Hook0.Biscuit;
using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;

namespace Hook0.Tests.Biscuit;

/// <summary>The README usage example, kept compiling and passing.</summary>
[TestFixture]
public sealed class UsageExampleTests
{
    [Test]
    public void Should_run_readme_example()
    {
        byte[] userId = [1, 2, 3];
        byte[] orgId = [4, 5, 6];

        var root = KeyPair.Generate();
        var token = BiscuitToken.CreateBuilder(root)
            .AddCode("user_id({id}); organization_role({org}, \"editor\");", new Dictionary<string, Term> { ["id"] = userId, ["org"] = orgId })
            .Build()
            .Attenuate("check if time($t), $t < {exp};", new Dictionary<string, Term> { ["exp"] = DateTimeOffset.UtcNow.AddHours(1) });
        var text = token.ToBase64();

        var parsed = BiscuitToken.Parse(text, root.PublicKey);
        var authorizer = new AuthorizerBuilder()
            .AddTime(DateTimeOffset.UtcNow)
            .AddCode("allow if organization_role({org}, \"editor\");", new Dictionary<string, Term> { ["org"] = orgId })
            .Build(parsed);
        var result = authorizer.Authorize();
        var users = authorizer.Query("u($id) <- user_id($id)");

        Assert.That(result.IsAuthorized, Is.True, result.ToString());
        Assert.That(users.Single().ToString(), Is.EqualTo("u(hex:010203)"));
    }

    [Test]
    public void Should_refuse_third_party_request_on_sealed_token()
    {
        var token = BiscuitToken.CreateBuilder(KeyPair.Generate()).AddCode("a(1);").Build().Seal();
        var error = Assert.Throws<BiscuitException>(() => token.CreateThirdPartyRequest());
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.AppendOnSealed));
    }
}
