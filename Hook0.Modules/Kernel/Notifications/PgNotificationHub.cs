using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Kernel.Notifications;

/// <summary>
/// One LISTEN connection per instance, shared by every module: cache invalidations and work wake-ups
/// sent with NOTIFY by any instance reach all of them. When the connection drops, subscribers get a
/// <see cref="Reset"/> (notifications may have been missed) and the hub reconnects with backoff.
/// </summary>
public sealed partial class PgNotificationHub(NpgsqlDataSource dataSource, ILogger<PgNotificationHub> logger) : BackgroundService
{
    public const string CacheChannel = "hook0_cache";
    public const string AttemptsChannel = "hook0_attempts";

    /// <summary>Changes for open dashboards (see <c>Kernel/Live</c>).</summary>
    public const string LiveChannel = "hook0_live";

    private static readonly string[] Channels = [CacheChannel, AttemptsChannel, LiveChannel];

    /// <summary>Raised for every notification: (channel, payload). Handlers must be quick and never throw.</summary>
    public event Action<string, string>? Received;

    /// <summary>Raised when notifications may have been lost (reconnect): caches must forget everything.</summary>
    public event Action? Reset;

    /// <summary>Completed once the first LISTEN is in place (tests and start-up ordering wait on it).</summary>
    public Task Listening => _listening.Task;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Received?.Invoke(e.Channel, e.Payload);
                foreach (var channel in Channels)
                {
                    await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Reset?.Invoke();
                _listening.TrySetResult();
                backoff = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                LogListenFailed(logger, backoff.TotalMilliseconds, e);
                Reset?.Invoke();
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    /// <summary>Sends a notification as part of the current transaction (delivered at commit, dropped on rollback).</summary>
    public static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string channel, string payload, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_notify(@c, @p)", connection, transaction);
        command.Parameters.AddWithValue("c", channel);
        command.Parameters.AddWithValue("p", payload);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the LISTEN connection; retrying in {DelayMs} ms")]
    private static partial void LogListenFailed(ILogger logger, double delayMs, Exception exception);
}
