using Hook0.Modules.Delivery.Sending.Errors;
using Hook0.Modules.Delivery.Sending.Retrying;
using Microsoft.Extensions.Time.Testing;

namespace Hook0.Tests.Delivery;

public sealed class RetryDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void A_first_failure_is_retried_after_the_first_delay_plus_jitter()
    {
        var decision = Decider(draw: 0.25).Decide(new FailedAttempt(0, DeliveryErrorCodes.Connection, null, null, null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.Retry(TimeSpan.FromSeconds(3.5))));
    }

    [TestCase(DeliveryErrorCodes.Timeout)]
    [TestCase(DeliveryErrorCodes.Dns)]
    [TestCase(DeliveryErrorCodes.InvalidTarget)]
    [TestCase(DeliveryErrorCodes.Unknown)]
    public void Every_class_but_invalid_header_is_retried(string errorCode)
    {
        var decision = Decider().Decide(new FailedAttempt(3, errorCode, null, null, null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.Retry(TimeSpan.FromMinutes(30))));
    }

    [TestCase(400)]
    [TestCase(404)]
    [TestCase(500)]
    public void Client_and_server_errors_are_retried(int status)
    {
        var decision = Decider().Decide(new FailedAttempt(1, DeliveryErrorCodes.Http, status, null, null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.Retry(TimeSpan.FromSeconds(10))));
    }

    [Test]
    public void An_unsignable_request_is_never_retried()
    {
        var decision = Decider().Decide(new FailedAttempt(0, DeliveryErrorCodes.InvalidHeader, null, null, null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.GiveUp(GiveUpReason.InvalidHeader)));
        Assert.That(((RetryDecision.GiveUp)decision).Code, Is.EqualTo("invalid_header"));
    }

    [Test]
    public void Gone_stops_retrying_so_the_subscription_can_be_disabled()
    {
        var decision = Decider().Decide(new FailedAttempt(0, DeliveryErrorCodes.Http, 410, null, null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.GiveUp(GiveUpReason.Gone410)));
        Assert.That(((RetryDecision.GiveUp)decision).Code, Is.EqualTo("gone_410"));
    }

    [Test]
    public void The_last_allowed_retry_still_gets_a_delay_and_the_next_failure_is_exhausted()
    {
        var decider = Decider();

        var last = decider.Decide(new FailedAttempt(23, DeliveryErrorCodes.Http, 500, null, null));
        var exhausted = decider.Decide(new FailedAttempt(24, DeliveryErrorCodes.Http, 500, null, null));

        Assert.That(last, Is.EqualTo(new RetryDecision.Retry(TimeSpan.FromHours(10))));
        Assert.That(exhausted, Is.EqualTo(new RetryDecision.GiveUp(GiveUpReason.Exhausted)));
        Assert.That(((RetryDecision.GiveUp)exhausted).Code, Is.EqualTo("exhausted"));
    }

    [Test]
    public void A_subscription_policy_replaces_budget_and_schedule()
    {
        var policy = new SubscriptionRetryPolicy { MaxRetries = 2, Schedule = [7, 70] };
        var decider = Decider();

        Assert.Multiple(() =>
        {
            Assert.That(decider.Decide(new FailedAttempt(1, DeliveryErrorCodes.Timeout, null, null, policy)), Is.EqualTo(new RetryDecision.Retry(TimeSpan.FromSeconds(70))));
            Assert.That(decider.Decide(new FailedAttempt(2, DeliveryErrorCodes.Timeout, null, null, policy)), Is.EqualTo(new RetryDecision.GiveUp(GiveUpReason.Exhausted)));
        });
    }

    [Test]
    public void Zero_max_retries_gives_up_after_the_first_delivery()
    {
        var policy = new SubscriptionRetryPolicy { MaxRetries = 0, Schedule = [7] };

        Assert.That(Decider().Decide(new FailedAttempt(0, DeliveryErrorCodes.Timeout, null, null, policy)), Is.EqualTo(new RetryDecision.GiveUp(GiveUpReason.Exhausted)));
    }

    [TestCase(429)]
    [TestCase(503)]
    public void Retry_after_lengthens_the_delay_on_429_and_503(int status)
    {
        var decision = Decider().Decide(new FailedAttempt(0, DeliveryErrorCodes.Http, status, "120", null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.Retry(TimeSpan.FromSeconds(120))));
    }

    [Test]
    public void Retry_after_as_a_date_is_measured_from_the_clock()
    {
        var decision = Decider().Decide(new FailedAttempt(0, DeliveryErrorCodes.Http, 429, "Sat, 28 Nov 2026 12:05:00 GMT", null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.Retry(TimeSpan.FromMinutes(5))));
    }

    [Test]
    public void Retry_after_never_shortens_the_schedule()
    {
        var decision = Decider().Decide(new FailedAttempt(3, DeliveryErrorCodes.Http, 429, "5", null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.Retry(TimeSpan.FromMinutes(30))));
    }

    [Test]
    public void Retry_after_is_capped()
    {
        var decision = Decider().Decide(new FailedAttempt(0, DeliveryErrorCodes.Http, 429, "864000", null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.Retry(TimeSpan.FromHours(10))));
    }

    [Test]
    public void The_cap_is_a_setting()
    {
        var decider = Decider(options: new RetryOptions { JitterRatio = 0, RetryAfterCap = TimeSpan.FromMinutes(1) });

        var decision = decider.Decide(new FailedAttempt(0, DeliveryErrorCodes.Http, 429, "3600", null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.Retry(TimeSpan.FromMinutes(1))));
    }

    [TestCase(500)]
    [TestCase(502)]
    public void Retry_after_is_ignored_on_other_statuses(int status)
    {
        var decision = Decider().Decide(new FailedAttempt(0, DeliveryErrorCodes.Http, status, "120", null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.Retry(TimeSpan.FromSeconds(3))));
    }

    [Test]
    public void Retry_after_never_adds_a_retry()
    {
        var decision = Decider().Decide(new FailedAttempt(24, DeliveryErrorCodes.Http, 429, "1", null));

        Assert.That(decision, Is.EqualTo(new RetryDecision.GiveUp(GiveUpReason.Exhausted)));
    }

    private static RetryDecider Decider(double draw = 0, RetryOptions? options = null)
    {
        options ??= new RetryOptions();
        return new RetryDecider(new RetrySchedule(options, new FixedRandom(draw)), options, new FakeTimeProvider(Now));
    }
}
