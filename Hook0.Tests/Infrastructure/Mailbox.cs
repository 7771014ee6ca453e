using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hook0.Tests.Infrastructure;

/// <summary>
/// Reads the links the server writes to its log when no SMTP server is configured (the real
/// <c>LogEmailSender</c> path), so tests can follow verification and reset links like a user would.
/// </summary>
public sealed class Mailbox : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Recipient, string Link)> _links = new();

    public IReadOnlyList<string> LinksFor(string recipient)
        => [.. _links.Where(l => string.Equals(l.Recipient, recipient, StringComparison.OrdinalIgnoreCase)).Select(l => l.Link)];

    /// <summary>The token of the latest link to <paramref name="recipient"/> whose path contains <paramref name="path"/>.</summary>
    public string LatestToken(string recipient, string path)
    {
        var link = LinksFor(recipient).LastOrDefault(l => l.Contains(path, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No '{path}' link was sent to {recipient}.");
        return Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
    }

    public ILogger CreateLogger(string categoryName) => new LinkLogger(this, categoryName.EndsWith("LogEmailSender", StringComparison.Ordinal));

    public void Dispose()
    {
    }

    private sealed class LinkLogger(Mailbox mailbox, bool active) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => active;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (active && state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                var recipient = values.FirstOrDefault(v => v.Key == "Recipient").Value as string;
                var link = values.FirstOrDefault(v => v.Key == "Link").Value as string;
                if (recipient is not null && link is not null)
                {
                    mailbox._links.Enqueue((recipient, link));
                }
            }
        }
    }
}
