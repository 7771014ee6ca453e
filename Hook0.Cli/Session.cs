using Hook0.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Cli;

/// <summary>A logged-in client for one command: the stored credentials, through the same AddHook0Client users call.</summary>
internal sealed class Session : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private Session(ServiceProvider services, Credentials credentials)
    {
        _services = services;
        Credentials = credentials;
        Client = services.GetRequiredService<Hook0Client>();
    }

    public Credentials Credentials { get; }

    public Hook0Client Client { get; }

    public Guid RequireApplication() => ApplicationId != Guid.Empty
        ? ApplicationId
        : throw new CliException("No application: pass --application, or log in with --application.");

    /// <summary>The application the command acts on: <c>--application</c>, else the one given at login.</summary>
    public Guid ApplicationId { get; private init; }

    public static async Task<Session> OpenAsync(Guid? application, CancellationToken cancellationToken)
    {
        var credentials = await Credentials.LoadAsync(cancellationToken) ?? throw new CliException("Not logged in: run `hook0 login --url <server> --token <token>` first.");
        var services = new ServiceCollection();
        services.AddHook0Client(o =>
        {
            o.BaseAddress = credentials.Url;
            o.Token = credentials.Token;
            o.ApplicationId = application ?? credentials.ApplicationId ?? Guid.Empty;
        })
            // The server's audit log tells the CLI's calls from other clients' by this product token (channel "cli").
            .ConfigureHttpClient(http => http.DefaultRequestHeaders.UserAgent.Add(
                new System.Net.Http.Headers.ProductInfoHeaderValue("hook0-cli", typeof(Session).Assembly.GetName().Version?.ToString(3))));
        return new Session(services.BuildServiceProvider(), credentials) { ApplicationId = application ?? credentials.ApplicationId ?? Guid.Empty };
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>A mistake of the user's: printed as one line on stderr with exit code 1, no stack trace.</summary>
internal sealed class CliException(string message) : Exception(message)
{
    public CliException()
        : this("hook0 failed")
    {
    }

    public CliException(string message, Exception innerException)
        : this(message + ": " + innerException?.Message)
    {
    }
}
