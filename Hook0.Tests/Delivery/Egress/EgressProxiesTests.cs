using Hook0.Modules.Delivery.Sending.Egress;
using Microsoft.Extensions.Options;

namespace Hook0.Tests.Delivery.Egress;

public sealed class EgressProxiesTests
{
    private static EgressProxies Parse(string? proxies, string? defaultProxy = null)
        => new(Options.Create(new EgressOptions { Proxies = proxies, DefaultProxy = defaultProxy }));

    [Test]
    public void Entries_are_parsed_with_their_credentials_which_never_show_in_text()
    {
        var proxies = Parse("corp=http://user:p%40ss@proxy.internal:3128, eu=http://10.0.0.5:8080", "eu");

        var corp = proxies.Find("corp")!;
        Assert.Multiple(() =>
        {
            Assert.That((corp.Host, corp.Port), Is.EqualTo(("proxy.internal", 3128)));
            Assert.That((corp.Credentials!.UserName, corp.Credentials.Password), Is.EqualTo(("user", "p@ss")));
            Assert.That(corp.ToString(), Is.EqualTo("corp (proxy.internal:3128)"));
            Assert.That(corp.Authorization, Is.EqualTo("Basic " + Convert.ToBase64String("user:p@ss"u8.ToArray())));
            Assert.That(proxies.Find("eu")!.Credentials, Is.Null);
            Assert.That(proxies.Default!.Name, Is.EqualTo("eu"));
        });
    }

    [Test]
    public void A_subscription_choice_wins_over_the_default_and_direct_bypasses_it()
    {
        var proxies = Parse("corp=http://proxy:3128,eu=http://proxy-eu:3128", "eu");

        Assert.Multiple(() =>
        {
            Assert.That(proxies.For(null)!.Name, Is.EqualTo("eu"));
            Assert.That(proxies.For("corp")!.Name, Is.EqualTo("corp"));
            Assert.That(proxies.For(EgressProxies.Direct), Is.Null);
            Assert.That(proxies.IsChoosable("corp") && proxies.IsChoosable("direct") && !proxies.IsChoosable("other"), Is.True);
            Assert.That(Parse(null).For(null), Is.Null);
        });
    }

    [TestCase("corp", "name=http://host:port")]
    [TestCase("Corp=http://proxy:3128", "name of 1 to 50 characters")]
    [TestCase("direct=http://proxy:3128", "name of 1 to 50 characters")]
    [TestCase("corp=https://user:topsecret@proxy:3128", "'corp' must be an http://")]
    [TestCase("corp=http://user:topsecret@proxy:3128/path", "'corp' must be an http://")]
    [TestCase("corp=http://proxy:3128,corp=http://other:3128", "defined twice")]
    public void A_malformed_list_stops_the_start_without_echoing_credentials(string list, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Parse(list));

        Assert.That(error!.Message, Does.Contain(message).And.Not.Contain("topsecret"));
    }

    [Test]
    public void An_unknown_default_stops_the_start()
        => Assert.That(() => Parse("corp=http://proxy:3128", "other"), Throws.InvalidOperationException.With.Message.Contains("EGRESS_DEFAULT_PROXY"));
}
