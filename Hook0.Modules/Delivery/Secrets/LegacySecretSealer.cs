using Hook0.Modules.Kernel.Persistence;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Delivery.Secrets;

/// <summary>
/// At start-up, after migrations and before the workers: seals the secrets of subscriptions created
/// before secrets were encrypted (kept in clear in <c>webhook.subscription.secret</c>) and clears the
/// clear copy. Each subscription is moved in one statement, so a crash leaves no secret half-moved.
/// </summary>
internal sealed partial class LegacySecretSealer(NpgsqlDataSource db, SecretProtector protector, ILogger<LegacySecretSealer> logger) : IStartupDataStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SealAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            // Not fatal: until sealed, the clear copy is still read (and the next start seals it).
            LogFailed(logger, e);
        }
    }

    private async Task SealAsync(CancellationToken cancellationToken)
    {
        var legacy = new List<(Guid Subscription, Guid Secret)>();
        await using (var select = db.CreateCommand("SELECT subscription_id, secret FROM webhook.subscription WHERE secret IS NOT NULL"))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                legacy.Add((reader.GetGuid(0), reader.GetGuid(1)));
            }
        }

        foreach (var (subscription, secret) in legacy)
        {
            await using var move = db.CreateCommand("""
                WITH cleared AS (
                    UPDATE webhook.subscription SET secret = NULL WHERE subscription_id = @subscription AND secret = @secret RETURNING subscription_id
                )
                INSERT INTO webhook.subscription_secret (subscription_secret_id, subscription_id, kind, protected_value, created_at)
                SELECT webhook.uuid_v7(), subscription_id, 'hmac', @sealed, now() FROM cleared
                """);
            move.Parameters.Add(new NpgsqlParameter<Guid>("subscription", subscription));
            move.Parameters.Add(new NpgsqlParameter<Guid>("secret", secret));
            move.Parameters.Add(new NpgsqlParameter<string>("sealed", protector.Protect(secret.ToString("D"))));
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        if (legacy.Count > 0)
        {
            LogSealed(logger, legacy.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing clear-text subscription secrets failed; they stay readable until the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed the clear-text secrets of {Count} subscriptions")]
    private static partial void LogSealed(ILogger logger, int count);
}
