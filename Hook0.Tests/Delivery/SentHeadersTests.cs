using Hook0.Modules.Delivery.Sending;

namespace Hook0.Tests.Delivery;

/// <summary>The URL kept with an attempt's request has its credentials masked, and nothing else changed.</summary>
public sealed class SentHeadersTests
{
    [TestCase("https://example.com/hook", "https://example.com/hook")]
    [TestCase("https://example.com/hook?team=billing&page=2", "https://example.com/hook?team=billing&page=2")]
    [TestCase("https://example.com/hook?api_key=s3cret&team=billing", "https://example.com/hook?api_key=***&team=billing")]
    [TestCase("https://example.com/hook?Token=a&sig=b&key=c&x=1#frag", "https://example.com/hook?Token=***&sig=***&key=***&x=1#frag")]
    [TestCase("https://user:pa55@example.com:8443/hook?secret_value=z", "https://***@example.com:8443/hook?secret_value=***")]
    [TestCase("https://example.com/a@b?flag", "https://example.com/a@b?flag")]
    public void Credentials_in_a_url_are_masked(string url, string kept)
        => Assert.That(SentHeaders.MaskedUrl(url), Is.EqualTo(kept));
}
