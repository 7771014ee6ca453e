using Hook0.Biscuit;
using Hook0.Biscuit.Crypto;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Notifications;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Hook0.Tests.Kernel.Auth;

/// <summary>
/// Allowed Datalog verdicts kept between requests (issue #21): until the token's earliest time check ahead, never
/// for a refusal, never for an access carrying action facts, and per attenuation (a child token is its own key).
/// </summary>
public sealed class AuthorizationDecisionsTests
{
    private static readonly KeyPair Root = KeyPair.Generate();
    private static readonly Guid Organization = Guid.NewGuid();
    private static readonly Guid Application = Guid.NewGuid();
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider _time = null!;
    private AuthorizationDecisions _decisions = null!;
    private DatalogAuthorizer _authorizer = null!;

    [SetUp]
    public void Create()
    {
        _time = new FakeTimeProvider(Start);
        // Never started: invalidations are the host's business (see IngestGroupTests); here only time matters.
        var hub = new PgNotificationHub(NpgsqlDataSource.Create("Host=127.0.0.1"), NullLogger<PgNotificationHub>.Instance);
        _decisions = new AuthorizationDecisions(hub, _time);
        _authorizer = new DatalogAuthorizer(Options.Create(new TokenAuthorizationOptions()), _time, _decisions);
    }

    private static BiscuitToken Service() => BiscuitToken.CreateBuilder(Root).AddCode(
        $"""type("service_access"); version(1); organization_id(hex:{Hex(Organization)});""").Build();

    private static Modules.Kernel.Auth.Access Ingest(BiscuitToken token, ActionName? action = null)
        => new(new Caller(CallerKind.ServiceToken, Organization) { Token = token, RevocationId = token.RevocationIds[0] }, action ?? Actions.EventIngest, ApplicationId: Application);

    [Test]
    public void A_verdict_is_kept_until_the_tokens_time_check_then_the_token_is_refused()
    {
        var token = Service().Attenuate($"check if time($t), $t < {Start.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ};");
        _authorizer.Authorize(token, Ingest(token), Organization);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.That(_decisions.WasAllowed(token, Ingest(token), Organization, _time.GetUtcNow()), Is.True, "still before the check's date");

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(_decisions.WasAllowed(token, Ingest(token), Organization, _time.GetUtcNow()), Is.False, "the check's date reached");
        Assert.That(() => _authorizer.Authorize(token, Ingest(token), Organization),
            Throws.TypeOf<ProblemException>().With.Property(nameof(ProblemException.Problem)).EqualTo(Problems.Forbidden));
    }

    [Test]
    public void An_expiry_fact_bounds_the_verdict_like_a_check()
    {
        var token = BiscuitToken.CreateBuilder(Root).AddCode(
            $"""type("service_access"); version(1); organization_id(hex:{Hex(Organization)}); expired_at({Start.AddSeconds(30):yyyy-MM-ddTHH:mm:ssZ});""").Build();
        _authorizer.Authorize(token, Ingest(token), Organization);

        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.That(_decisions.WasAllowed(token, Ingest(token), Organization, _time.GetUtcNow()), Is.False);
        Assert.That(() => _authorizer.Authorize(token, Ingest(token), Organization), Throws.TypeOf<ProblemException>());
    }

    [Test]
    public void A_token_without_dates_is_kept_at_most_the_longest_time()
    {
        var token = Service();
        _authorizer.Authorize(token, Ingest(token), Organization);

        _time.Advance(AuthorizationDecisions.LongestKept - TimeSpan.FromSeconds(1));
        Assert.That(_decisions.WasAllowed(token, Ingest(token), Organization, _time.GetUtcNow()), Is.True);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(_decisions.WasAllowed(token, Ingest(token), Organization, _time.GetUtcNow()), Is.False);
    }

    [Test]
    public void A_verdict_answers_only_its_own_action_application_and_attenuation()
    {
        var token = Service();
        var child = token.Attenuate($"check if application_id(hex:{Hex(Guid.NewGuid())});");
        _authorizer.Authorize(token, Ingest(token), Organization);

        Assert.Multiple(() =>
        {
            Assert.That(_decisions.WasAllowed(token, Ingest(token, Actions.EventList), Organization, _time.GetUtcNow()), Is.False, "another action");
            Assert.That(_decisions.WasAllowed(token, Ingest(token) with { ApplicationId = Guid.NewGuid() }, Organization, _time.GetUtcNow()), Is.False, "another application");
            Assert.That(_decisions.WasAllowed(child, Ingest(child), Organization, _time.GetUtcNow()), Is.False, "an attenuation of it");
        });
        Assert.That(() => _authorizer.Authorize(child, Ingest(child), Organization), Throws.TypeOf<ProblemException>(), "the attenuation's own check still runs");
    }

    [Test]
    public void Refusals_and_accesses_with_action_facts_are_never_kept()
    {
        var token = Service().Attenuate($"check if application_id(hex:{Hex(Guid.NewGuid())});");
        Assert.That(() => _authorizer.Authorize(token, Ingest(token), Organization), Throws.TypeOf<ProblemException>());
        Assert.That(_decisions.WasAllowed(token, Ingest(token), Organization, _time.GetUtcNow()), Is.False);

        var plain = Service();
        var withFacts = Ingest(plain) with { Facts = [AccessFacts.SubscriptionId(Guid.NewGuid())] };
        _authorizer.Authorize(plain, withFacts, Organization);
        Assert.That(_decisions.WasAllowed(plain, withFacts, Organization, _time.GetUtcNow()), Is.False);
    }

    private static string Hex(Guid id) => Convert.ToHexStringLower(id.ToByteArray(bigEndian: true));
}
