using System.Text.Json;
using Hook0.Modules.Dashboard.Subscriptions;
using Hook0.Modules.Kernel.Auth;

namespace Hook0.Tests.Dashboard;

/// <summary>The subscription form's sections become the command the API's own validation checks.</summary>
public sealed class SubscriptionFormTests
{
    [Test]
    public void Sections_become_one_create_command()
    {
        var form = new SubscriptionForm
        {
            Description = "  Accounting ",
            Url = " https://receiver.example.com/hook ",
            EventTypes = ["billing.invoice.paid"],
            Patterns = "billing.*.created, billing.invoice.paid",
            CustomRetry = true,
            MaxRetries = 3,
            Schedule = "5, 60,600",
        };
        form.Labels[0].Key = "tenant";
        form.Labels[0].Value = "acme";
        form.Headers.Add(new KeyValueRow { Key = "X-Team", Value = "billing" });
        form.Metadata.Add(new KeyValueRow()); // an untouched row is ignored

        var command = form.ToCreate(new Caller(CallerKind.User), Guid.Empty).Fields;

        Assert.Multiple(() =>
        {
            Assert.That(command.Description, Is.EqualTo("Accounting"));
            Assert.That(command.Url, Is.EqualTo("https://receiver.example.com/hook"));
            Assert.That(command.EventTypes, Is.EqualTo(new[] { "billing.invoice.paid", "billing.*.created" }));
            Assert.That(command.Labels, Is.EqualTo(new Dictionary<string, string> { ["tenant"] = "acme" }));
            Assert.That(command.Headers, Is.EqualTo(new Dictionary<string, string> { ["X-Team"] = "billing" }));
            Assert.That(command.Metadata, Is.Empty);
            Assert.That(command.RetryPolicy.GetRawText(), Is.EqualTo("""{"max_retries":3,"schedule":[5,60,600]}"""));
            Assert.That(command.MaxConcurrency.ValueKind, Is.EqualTo(JsonValueKind.Null), "an empty limit is no limit");
            Assert.That(command.SignatureSchemes.GetString(), Is.EqualTo("both"));
            Assert.That(command.AsymmetricSignatures.ValueKind, Is.EqualTo(JsonValueKind.False));
            Assert.That(command.DedicatedWorkers, Is.Null, "no worker named: any worker");
        });
    }

    [Test]
    public void Every_field_the_api_has_reaches_the_command()
    {
        var form = new SubscriptionForm
        {
            Url = "https://receiver.example.com/hook", MaxConcurrency = 4, RateLimitPerSecond = 20, SignatureSchemes = "standard",
            AsymmetricSignatures = true, DedicatedWorkers = "eu-1, eu-2",
        };

        var command = form.ToEdit(new Caller(CallerKind.User), Guid.Empty, Guid.Empty).Fields;

        Assert.Multiple(() =>
        {
            Assert.That(command.MaxConcurrency.GetInt32(), Is.EqualTo(4));
            Assert.That(command.RateLimitPerSecond.GetInt32(), Is.EqualTo(20));
            Assert.That(command.SignatureSchemes.GetString(), Is.EqualTo("standard"));
            Assert.That(command.AsymmetricSignatures.ValueKind, Is.EqualTo(JsonValueKind.True));
            Assert.That(command.DedicatedWorkers, Is.EqualTo(new[] { "eu-1", "eu-2" }));
        });
    }

    [Test]
    public void The_instance_schedule_is_a_null_policy_and_a_bad_schedule_is_refused()
    {
        Assert.That(new SubscriptionForm().RetryPolicy().ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.Throws<FormatException>(() => new SubscriptionForm { CustomRetry = true, Schedule = "5, soon" }.RetryPolicy());
    }

    [Test]
    public void A_saved_form_keeps_the_target_type()
    {
        var cli = new SubscriptionForm { TargetType = "cli" }.ToEdit(new Caller(CallerKind.User), Guid.Empty, Guid.Empty).Fields;
        var http = new SubscriptionForm { Url = "https://receiver.example.com/hook" }.ToCreate(new Caller(CallerKind.User), Guid.Empty).Fields;

        Assert.That((cli.TargetType, http.TargetType), Is.EqualTo(("cli", "http")), "editing a cli subscription in the dashboard never turns it into http");
    }
}
