using System.Net;
using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Auth;
using Microsoft.AspNetCore.Http;

namespace Hook0.Tests.Kernel.Audit;

/// <summary>How a record's channel, actor and origin are told (issue #28): one case per rule.</summary>
public sealed class AuditOriginTests
{
    [TestCase("/api/v1/subscriptions", "curl/8.0", AuditChannels.Rest)]
    [TestCase("/api/v1/subscriptions", "hook0-client-dotnet/1.2.0 hook0-cli/1.2.0", AuditChannels.Cli)]
    [TestCase("/api/v1/subscriptions", "hook0-client-dotnet/1.2.0", AuditChannels.Rest)]
    [TestCase("/mcp", "claude-code/2.0", AuditChannels.Mcp)]
    [TestCase("/mcp/", "hook0-cli/1.2.0", AuditChannels.Mcp)]
    public void An_http_request_is_told_by_its_path_and_user_agent(string path, string userAgent, string channel)
    {
        var origin = Origin(path, userAgent);
        Assert.Multiple(() =>
        {
            Assert.That(origin.Channel, Is.EqualTo(channel));
            Assert.That(origin.ClientIp, Is.EqualTo("203.0.113.9"));
            Assert.That(origin.UserAgent, Is.EqualTo(userAgent));
            Assert.That(origin.RequestId, Is.EqualTo("request-1"));
        });
    }

    [Test]
    public void A_portal_session_is_the_portal_channel_whatever_the_transport()
    {
        var origin = Origin("/api/v1/subscriptions", "Mozilla/5.0");
        origin.FromCircuit(AuditChannels.Dashboard, null, null);
        origin.Adopt(new Caller(CallerKind.Portal, RateLimitKey: "portal:abc"));
        Assert.Multiple(() =>
        {
            Assert.That(origin.Channel, Is.EqualTo(AuditChannels.Portal));
            Assert.That(origin.Actor, Is.EqualTo(("portal_session", (string?)"portal:abc")));
        });
    }

    [Test]
    public void A_dashboard_scope_says_dashboard_and_keeps_the_first_caller()
    {
        var origin = Origin("/_blazor", "Mozilla/5.0");
        origin.FromCircuit(AuditChannels.Dashboard, "198.51.100.7", new string('x', 600));
        var user = Guid.NewGuid();
        origin.Adopt(new Caller(CallerKind.User, UserId: user));
        origin.Adopt(Caller.MasterKey);
        Assert.Multiple(() =>
        {
            Assert.That(origin.Channel, Is.EqualTo(AuditChannels.Dashboard));
            Assert.That(origin.ClientIp, Is.EqualTo("198.51.100.7"));
            Assert.That(origin.UserAgent, Has.Length.EqualTo(512), "bounded like the column");
            Assert.That(origin.Actor, Is.EqualTo(("user", (string?)user.ToString())), "a handler's nested message acts for the same person");
        });
    }

    [Test]
    public void Without_a_request_or_a_caller_it_is_the_system()
    {
        var origin = new AuditOrigin(new HttpContextAccessor());
        Assert.Multiple(() =>
        {
            Assert.That(origin.Channel, Is.EqualTo(AuditChannels.System));
            Assert.That(origin.Actor, Is.EqualTo(("system", (string?)null)));
            Assert.That(origin.ClientIp, Is.Null);
        });
    }

    [Test]
    public void Credentials_are_named_by_their_stable_key_never_by_themselves()
    {
        var origin = new AuditOrigin(new HttpContextAccessor());
        origin.Adopt(new Caller(CallerKind.ServiceToken, Guid.NewGuid(), RateLimitKey: "token:0a1b"));
        Assert.That(origin.Actor, Is.EqualTo(("service_token", (string?)"token:0a1b")));
        var master = new AuditOrigin(new HttpContextAccessor());
        master.Adopt(Caller.MasterKey);
        Assert.That(master.Actor, Is.EqualTo(("master_key", (string?)null)));
    }

    private static AuditOrigin Origin(string path, string userAgent)
    {
        var context = new DefaultHttpContext { TraceIdentifier = "request-1" };
        context.Request.Path = path;
        context.Request.Headers.UserAgent = userAgent;
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        return new AuditOrigin(new HttpContextAccessor { HttpContext = context });
    }
}
