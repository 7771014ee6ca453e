using Hook0.Modules.Delivery.Sending.Retrying;

namespace Hook0.Tests.Delivery;

public sealed class RetryPolicyValidatorTests
{
    private static readonly RetryPolicyBounds Bounds = new();

    [Test]
    public void A_valid_schedule_policy_passes()
    {
        var errors = RetryPolicyValidator.Validate(new SubscriptionRetryPolicy { MaxRetries = 10, Schedule = [1, 60, 604800] }, Bounds);

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void A_valid_exponential_policy_passes()
    {
        var policy = new SubscriptionRetryPolicy { MaxRetries = 0, InitialDelaySeconds = 5, Factor = 1, MaxDelaySeconds = 5 };

        Assert.That(RetryPolicyValidator.Validate(policy, Bounds), Is.Empty);
    }

    [TestCase(-1)]
    [TestCase(51)]
    public void Max_retries_outside_the_bounds_is_refused(int maxRetries)
    {
        var errors = RetryPolicyValidator.Validate(new SubscriptionRetryPolicy { MaxRetries = maxRetries, Schedule = [10] }, Bounds);

        Assert.That(errors, Is.EqualTo(new[] { new RetryPolicyError("max_retries", "must be between 0 and 50") }));
    }

    [Test]
    public void Each_delay_out_of_range_is_reported_with_its_index()
    {
        var errors = RetryPolicyValidator.Validate(new SubscriptionRetryPolicy { MaxRetries = 3, Schedule = [0, 10, 604801] }, Bounds);

        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "schedule[0]", "schedule[2]" }));
        Assert.That(errors[0].Message, Is.EqualTo("must be between 1 and 604800 seconds"));
    }

    [Test]
    public void An_empty_schedule_is_refused()
    {
        var errors = RetryPolicyValidator.Validate(new SubscriptionRetryPolicy { MaxRetries = 3, Schedule = [] }, Bounds);

        Assert.That(errors, Is.EqualTo(new[] { new RetryPolicyError("schedule", "must hold between 1 and 50 delays") }));
    }

    [Test]
    public void A_schedule_longer_than_the_bound_is_refused()
    {
        var errors = RetryPolicyValidator.Validate(new SubscriptionRetryPolicy { MaxRetries = 3, Schedule = [.. Enumerable.Repeat(10, 51)] }, Bounds);

        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "schedule" }));
    }

    [Test]
    public void Schedule_and_exponential_parameters_together_are_refused()
    {
        var policy = new SubscriptionRetryPolicy { MaxRetries = 3, Schedule = [10], Factor = 2 };

        Assert.That(RetryPolicyValidator.Validate(policy, Bounds).Select(e => e.Field), Is.EqualTo(new[] { "schedule" }));
    }

    [Test]
    public void Neither_schedule_nor_exponential_parameters_is_refused()
    {
        var errors = RetryPolicyValidator.Validate(new SubscriptionRetryPolicy { MaxRetries = 3 }, Bounds);

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0].Message, Does.Contain("initial_delay_seconds"));
    }

    [Test]
    public void Every_missing_exponential_parameter_is_named()
    {
        var errors = RetryPolicyValidator.Validate(new SubscriptionRetryPolicy { MaxRetries = 3, Factor = 2 }, Bounds);

        Assert.That(errors.Select(e => e.Field), Is.EqualTo(new[] { "initial_delay_seconds", "max_delay_seconds" }));
    }

    [TestCase(0.5)]
    [TestCase(10.5)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void A_factor_outside_the_bounds_is_refused(double factor)
    {
        var policy = new SubscriptionRetryPolicy { MaxRetries = 3, InitialDelaySeconds = 5, Factor = factor, MaxDelaySeconds = 60 };

        Assert.That(RetryPolicyValidator.Validate(policy, Bounds), Is.EqualTo(new[] { new RetryPolicyError("factor", "must be between 1 and 10") }));
    }

    [Test]
    public void A_ceiling_below_the_initial_delay_is_refused()
    {
        var policy = new SubscriptionRetryPolicy { MaxRetries = 3, InitialDelaySeconds = 60, Factor = 2, MaxDelaySeconds = 30 };

        Assert.That(
            RetryPolicyValidator.Validate(policy, Bounds),
            Is.EqualTo(new[] { new RetryPolicyError("max_delay_seconds", "must not be smaller than initial_delay_seconds") }));
    }

    [Test]
    public void Bounds_are_instance_settings()
    {
        var strict = new RetryPolicyBounds { MaxRetries = 5, MinDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromHours(1) };

        var errors = RetryPolicyValidator.Validate(new SubscriptionRetryPolicy { MaxRetries = 6, Schedule = [10] }, strict);

        Assert.That(errors, Is.EqualTo(new[]
        {
            new RetryPolicyError("max_retries", "must be between 0 and 5"),
            new RetryPolicyError("schedule[0]", "must be between 30 and 3600 seconds"),
        }));
    }

    [Test]
    public void The_policy_reads_its_snake_case_json()
    {
        var policy = System.Text.Json.JsonSerializer.Deserialize<SubscriptionRetryPolicy>(
            """{"max_retries": 4, "initial_delay_seconds": 10, "factor": 3, "max_delay_seconds": 900}""");

        Assert.That(policy, Is.EqualTo(new SubscriptionRetryPolicy { MaxRetries = 4, InitialDelaySeconds = 10, Factor = 3, MaxDelaySeconds = 900 }));
    }
}
