using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Hook0.Tests.Infrastructure;

/// <summary>Keeps every formatted log line, to assert what a component writes (and what it does not).</summary>
internal sealed class ListLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ListLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => provider.Lines.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? string.Empty : $" {exception}")));
    }
}
