using System.Net.Http.Headers;
using Hook0.Tests.Infrastructure;
using Hook0.Tests.Organizations.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hook0.Tests.Delivery.Secrets;

/// <summary>
/// A subscription's signing secrets are shown only to who may edit it (item 8 of issue #19); viewers
/// get the subscription without them, and each reveal is logged without the secret.
/// </summary>
public sealed class SigningSecretRevealTests : ApiTest
{
    [Test]
    public async Task A_viewer_gets_subscriptions_without_their_signing_secrets_and_an_editor_with_them()
    {
        var world = await AccessWorld.CreateAsync(Master());
        var one = $"/api/v1/subscriptions/{world.SubscriptionId}?application_id={world.ApplicationId}";
        var all = $"/api/v1/subscriptions?application_id={world.ApplicationId}";

        var viewed = await JsonAsync(await As(world.Bearers[Credential.Viewer]).GetAsync(one));
        var viewedList = (await JsonAsync(await As(world.Bearers[Credential.Viewer]).GetAsync(all))).AsArray().Single()!;
        var edited = await JsonAsync(await As(world.Bearers[Credential.Editor]).GetAsync(one));

        Assert.Multiple(() =>
        {
            foreach (var node in new[] { viewed, viewedList })
            {
                Assert.That(node["subscription_id"]!.GetValue<Guid>(), Is.EqualTo(world.SubscriptionId), "the subscription itself is shown");
                Assert.That(node["secret"], Is.Null);
                Assert.That(node["standard_secret"], Is.Null);
                Assert.That(node["secrets"], Is.Null);
            }

            Assert.That(Guid.TryParse(edited["secret"]!.GetValue<string>(), out _), Is.True);
            Assert.That(edited["standard_secret"]!.GetValue<string>(), Does.StartWith("whsec_"));
            Assert.That(edited["secrets"]!.AsArray(), Has.Count.EqualTo(1));
        });
        Assert.That(viewed.ToJsonString(), Does.Not.Contain(edited["secret"]!.GetValue<string>()));
    }

    [Test]
    public async Task Each_reveal_is_logged_once_naming_the_caller_and_the_subscription_but_never_the_secret()
    {
        var world = await AccessWorld.CreateAsync(Master());
        var log = new ListLoggerProvider();
        await using var host = new Hook0Factory(Database, services: s => s.AddSingleton<ILoggerProvider>(log));
        using var client = host.CreateClient();
        var one = $"/api/v1/subscriptions/{world.SubscriptionId}?application_id={world.ApplicationId}";

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.Bearers[Credential.Viewer]);
        await client.GetAsync(one);
        var afterViewer = Reveals(log).Count;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", world.Bearers[Credential.Editor]);
        var secret = (await JsonAsync(await client.GetAsync(one)))["secret"]!.GetValue<string>();

        var reveals = Reveals(log);
        Assert.Multiple(() =>
        {
            Assert.That(afterViewer, Is.Zero, "nothing revealed to the viewer, nothing logged");
            Assert.That(reveals, Has.Count.EqualTo(1));
            Assert.That(reveals[0], Does.Contain(world.SubscriptionId.ToString()).And.Contain("User"));
            Assert.That(log.Lines.Select(l => l.Message), Has.None.Contains(secret), "the secret is never logged");
        });
    }

    private static List<string> Reveals(ListLoggerProvider log)
        => [.. log.Lines.Where(l => l.Message.Contains("revealed", StringComparison.Ordinal)).Select(l => l.Message)];

}
