using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Hook0.Modules.Dashboard.Sessions;
using Hook0.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hook0.Tests.Dashboard;

/// <summary>
/// Finding 2 of issue 19: the sign-in's <c>return</c> target must stay on this site however it is
/// spelled, judged the way a browser reads a <c>Location</c> header (tabs and newlines stripped,
/// <c>\</c> read as <c>/</c>), and must never make the answer a 500.
/// </summary>
public sealed partial class ReturnTargetTests : ApiTest
{
    private static readonly Uri Site = new("https://host.example/");

    [TestCase("/organizations/1", "/organizations/1")]
    [TestCase("/organizations/1?tab=members#top", "/organizations/1?tab=members#top")]
    [TestCase("/invitations", "/invitations")]
    [TestCase("https://evil.example/", "/")]
    [TestCase("//evil.example/", "/")]
    [TestCase("/\\evil.example/", "/")]
    [TestCase("/\t/evil.example", "/")]
    [TestCase("/%09/evil.example", "/")]
    [TestCase("/%2F/evil.example", "/")]
    [TestCase("/%5Cevil.example", "/")]
    [TestCase("/%252F/evil.example", "/")]
    [TestCase("/.//evil.example", "/")]
    [TestCase("javascript:alert(1)", "/")]
    [TestCase("/caf\u00e9", "/caf%C3%A9")]
    [TestCase("", "/")]
    [TestCase(null, "/")]
    public void Known_spellings(string? requested, string expected)
        => Assert.That(ReturnTarget.LocalOrHome(requested), Is.EqualTo(expected));

    [Test]
    public void Generated_hostile_targets_always_stay_on_the_site()
    {
        var random = new Random(19);
        var checkedCount = 0;
        foreach (var candidate in HostileTargets(random).Take(20_000))
        {
            var target = ReturnTarget.LocalOrHome(candidate);
            checkedCount++;
            Assert.That(StaysOnSite(target), Is.True, $"'{Escape(candidate)}' became '{Escape(target)}'");
        }

        TestContext.Out.WriteLine($"{checkedCount} return targets checked");
    }

    [Test]
    public async Task The_login_form_post_redirects_only_on_site_and_never_fails()
    {
        await new UserAccounts(ApiFixture.Factory).UserAsync("ada@example.com");
        foreach (var target in new[] { "/\t/evil.example", "/\\evil.example", "//evil.example", "/caf\u00e9/\u4e2d\u6587", "/\u0000", "/%09/evil.example" })
        {
            foreach (var password in new[] { UserAccounts.Password, "wrong-password-1" })
            {
                using var response = await PostLoginFormAsync("ada@example.com", password, target);
                if (target.Contains('\0', StringComparison.Ordinal))
                {
                    // The form reader refuses a NUL outright: a client error, never a 500.
                    Assert.That((int)response.StatusCode, Is.InRange(400, 499), Escape(target));
                    continue;
                }

                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), Escape(target));
                var location = response.Headers.Location!.OriginalString;
                Assert.That(StaysOnSite(location), Is.True, $"'{Escape(target)}' redirected to '{location}'");
                if (password != UserAccounts.Password)
                {
                    // The refusal sends the form back with the target already made safe.
                    var back = System.Web.HttpUtility.ParseQueryString(new Uri(Site, location).Query)["return"];
                    Assert.That(back is null || StaysOnSite(back), Is.True, location);
                }
            }
        }
    }

    /// <summary>Reads a <c>Location</c> value as a browser would and answers whether it stays on the site.</summary>
    internal static bool StaysOnSite(string location)
    {
        if (location.Any(c => c > '\u007e' || c < ' '))
        {
            return false; // not writable as a header (the old 500), nor what the browser would get
        }

        var browser = location.Replace("\t", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal)
            .Replace("\r", string.Empty, StringComparison.Ordinal).Replace('\\', '/').Trim();
        return browser.StartsWith('/') && Uri.TryCreate(Site, browser, out var resolved)
            && resolved.Scheme == Site.Scheme && resolved.Authority == Site.Authority;
    }

    private static IEnumerable<string> HostileTargets(Random random)
    {
        string[] starts = ["/", "//", "/\\", "\\/", "\\\\", "/\t/", "/\n/", "/\r/", "/ /", "/%09/", "/%0a/", "/%0d/", "/%2f", "/%2F/", "/%5c", "%2f%2f",
            "/%252f/", "/%25252f/", "https:", "https://", "http:", "javascript:", "data:", "//\t", "/.//", "/..//", "/./\\", "\u3000/", "/\u3000/",
            "/\u200b/", "/\u202e/", "/\ufeff/", "/\u00a0/", "/\u2028/", "\u0000/", "/\u0000/", "/\u007f/", "  /", "/%E3%80%80/", "/%C2%A0/", "/%00/", ""];
        string[] hosts = ["evil.example", "evil.example:443", "user@evil.example", "@evil.example", "evil.example\\@host.example", "%65vil.example",
            "\u0435vil.example", "evil\u3002example", "127.0.0.1", "[::1]", "x"];
        string[] tails = ["", "/", "/path", "?q=1", "#frag", "/\u00e9", "/%zz", "/%", "/..", "/../..//evil.example", "\\", "%5C", "/\ud800"];
        for (var i = 0; ; i++)
        {
            var text = starts[random.Next(starts.Length)] + hosts[random.Next(hosts.Length)] + tails[random.Next(tails.Length)];
            if (random.Next(4) == 0)
            {
                text = Mutate(text, random);
            }

            yield return text;
        }
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var position = random.Next(builder.Length + 1);
        builder.Insert(position, random.Next(3) switch
        {
            0 => (char)random.Next(0, 0x20),
            1 => (char)random.Next(0x80, 0x3000),
            _ => "%" + random.Next(0, 256).ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
        });
        return builder.ToString();
    }

    private static async Task<HttpResponseMessage> PostLoginFormAsync(string email, string password, string target)
    {
        using var client = ApiFixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/login");
        var html = await form.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        Assert.That(token, Is.Not.Empty, "the login page carries an antiforgery token");
        using var post = new HttpRequestMessage(HttpMethod.Post, SessionEndpoints.LoginPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["email"] = email,
                ["password"] = password,
                ["return"] = target,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        return await client.SendAsync(post);
    }

    private static string Escape(string? text)
        => text is null ? "null" : string.Concat(text.Select(c => c is < ' ' or > '\u007e' ? $"\\u{(int)c:x4}" : c.ToString()));

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
