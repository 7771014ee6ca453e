using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Hook0.Tests.Delivery.Egress;

/// <summary>
/// A Kestrel receiver on https://127.0.0.1 that requires a client certificate issued by the given client CA, and
/// records which certificate each request came with.
/// </summary>
internal sealed class MtlsReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MtlsReceiver(WebApplication app) => _app = app;

    /// <summary>Thumbprints of the client certificates the requests came with, in order.</summary>
    public ConcurrentQueue<string> ClientThumbprints { get; } = new();

    public string Url => $"{_app.Urls.First()}/hook";

    public static async Task<MtlsReceiver> StartAsync(X509Certificate2 serverCertificate, X509Certificate2 clientAuthority)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = serverCertificate;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, _) => IssuedBy(certificate, clientAuthority);
        })));
        var app = builder.Build();
        var receiver = new MtlsReceiver(app);
        app.Run(async ctx =>
        {
            receiver.ClientThumbprints.Enqueue(ctx.Connection.ClientCertificate?.Thumbprint ?? "none");
            await ctx.Response.WriteAsync("ok");
        });
        await app.StartAsync();
        return receiver;
    }

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
