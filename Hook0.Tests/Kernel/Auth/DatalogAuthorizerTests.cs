using Hook0.Biscuit;
using Hook0.Biscuit.Crypto;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Options;

namespace Hook0.Tests.Kernel.Auth;

/// <summary>The per-request Datalog policy on its own: roles, attenuation, and the time budget.</summary>
public sealed class DatalogAuthorizerTests
{
    private static readonly KeyPair Root = KeyPair.Generate();
    private static readonly Guid Organization = Guid.NewGuid();
    private static readonly Guid Application = Guid.NewGuid();

    private static DatalogAuthorizer Authorizer(int budgetMs = 30) => new(Options.Create(new TokenAuthorizationOptions { MaxAuthorizationTimeMs = budgetMs }), TimeProvider.System);

    private static BiscuitToken User(string role) => BiscuitToken.CreateBuilder(Root).AddCode(
        $"""type("user_access"); version(1); organization_role(hex:{Hex(Organization)}, "{role}");""").Build();

    private static Modules.Kernel.Auth.Access Request(ActionName action) => new(new Caller(CallerKind.User), action, Organization, Application);

    // Test cases name actions as the wire spells them (attribute arguments must be constants): the declared one of that name.
    private static ActionName Named(string action) => typeof(Actions).GetFields().Select(f => f.GetValue(null)).OfType<ActionName>().Single(a => a.Name == action);

    [TestCase("viewer", "event:list", true)]
    [TestCase("viewer", "event:ingest", false)]
    [TestCase("viewer", "service_token:list", false)]
    [TestCase("editor", "event:ingest", true)]
    [TestCase("admin", "event:list", false)]
    public void A_users_role_decides(string role, string action, bool allowed)
    {
        var authorize = () => Authorizer().Authorize(User(role), Request(Named(action)), Organization);
        if (allowed)
        {
            Assert.That(authorize, Throws.Nothing);
        }
        else
        {
            Assert.That(authorize, Throws.TypeOf<ProblemException>().With.Property(nameof(ProblemException.Problem)).EqualTo(Problems.Forbidden));
        }
    }

    [Test]
    public void A_role_in_another_organization_counts_for_nothing()
        => Assert.That(() => Authorizer().Authorize(User("editor"), Request(Actions.EventList), Guid.NewGuid()),
            Throws.TypeOf<ProblemException>().With.Property(nameof(ProblemException.Problem)).EqualTo(Problems.Forbidden));

    [Test]
    public void Unknown_types_and_versions_are_refused()
    {
        var refresh = BiscuitToken.CreateBuilder(Root).AddCode($"""type("refresh"); version(1); organization_role(hex:{Hex(Organization)}, "editor");""").Build();
        var future = BiscuitToken.CreateBuilder(Root).AddCode($"""type("user_access"); version(2); organization_role(hex:{Hex(Organization)}, "editor");""").Build();
        Assert.That(() => Authorizer().Authorize(refresh, Request(Actions.EventList), Organization), Throws.TypeOf<ProblemException>());
        Assert.That(() => Authorizer().Authorize(future, Request(Actions.EventList), Organization), Throws.TypeOf<ProblemException>());
    }

    [Test]
    public void Action_facts_are_visible_to_attenuations()
    {
        var subscription = Guid.NewGuid();
        var token = User("editor").Attenuate($"check if subscription_id(hex:{Hex(subscription)});");
        var allowed = Request(Actions.SubscriptionEdit) with { Facts = [AccessFacts.SubscriptionId(subscription)] };
        var other = Request(Actions.SubscriptionEdit) with { Facts = [AccessFacts.SubscriptionId(Guid.NewGuid())] };
        Assert.That(() => Authorizer().Authorize(token, allowed, Organization), Throws.Nothing);
        Assert.That(() => Authorizer().Authorize(token, other, Organization), Throws.TypeOf<ProblemException>());
    }

    [Test]
    public void A_token_that_overruns_the_time_budget_is_a_503_not_a_403()
    {
        // An attenuation that makes the authorizer do a lot of work: a check joining 50 facts three
        // ways (125,000 combinations, each through an expression) that never holds.
        var heavy = User("editor").Attenuate(string.Join("\n", Enumerable.Range(0, 50).Select(i => $"n({i});"))
            + "\ncheck if n($a), n($b), n($c), $a + $b + $c < 0;");
        Assert.That(() => Authorizer(budgetMs: 1).Authorize(heavy, Request(Actions.EventList), Organization),
            Throws.TypeOf<ProblemException>().With.Property(nameof(ProblemException.Problem)).EqualTo(Problems.ServiceUnavailable));
    }

    private static string Hex(Guid id) => Convert.ToHexStringLower(id.ToByteArray(bigEndian: true));
}
