using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hook0.Tests.Dashboard.Portal;

/// <summary>
/// A producer's site that embeds the portal in an iframe, served on loopback and addressed as <c>localhost</c> while the
/// server is <c>127.0.0.1</c>: another site for the browser, and a real loopback server (a page the test fulfils itself
/// has no address, which Chromium treats as public and then forbids from framing a loopback one).
/// </summary>
public sealed class EmbeddingSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddingSite(WebApplication app, int port)
    {
        _app = app;
        Origin = $"http://localhost:{port}";
    }

    public string Origin { get; }

    /// <summary>The address of the portal the page frames (the link, token included).</summary>
    public string Framed { get; set; } = "about:blank";

    public static async Task<EmbeddingSite> StartAsync()
    {
        var port = Hook0.Tests.Infrastructure.ServerProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var site = new EmbeddingSite(app, port);
        app.Run(ctx =>
        {
            ctx.Response.ContentType = "text/html";
            return ctx.Response.WriteAsync($"""
                <!doctype html><html lang="en"><title>Acme</title><h1>Acme settings</h1>
                <iframe title="Webhooks" src="{System.Net.WebUtility.HtmlEncode(site.Framed)}" style="width:1100px;height:900px;border:0"></iframe></html>
                """);
        });
        await app.StartAsync();
        return site;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
