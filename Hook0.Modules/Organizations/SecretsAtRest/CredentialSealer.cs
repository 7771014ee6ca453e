using System.Security.Cryptography;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Secrets;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hook0.Modules.Organizations.SecretsAtRest;

/// <summary>
/// At start-up, after migrations and before any request: seals the application secrets and service-token
/// Biscuits still in clear (written before ADR 0015, or by an older instance during a rolling upgrade),
/// and re-seals those sealed by a previous key after a rotation. Each row moves in one conditional
/// statement, so instances starting together or a crash midway leave every row whole and usable.
/// </summary>
internal sealed partial class CredentialSealer(NpgsqlDataSource db, CredentialSealing sealing, SecretBox box, ILogger<CredentialSealer> logger)
    : IStartupDataStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var secrets = await SealApplicationSecretsAsync(cancellationToken);
            var biscuits = await SealBiscuitsAsync(cancellationToken);
            if (secrets + biscuits > 0)
            {
                LogSealed(logger, secrets, biscuits);
            }
        }
        catch (NpgsqlException e)
        {
            // Not fatal: rows not sealed yet stay usable (clear tokens are still listed) and the next start seals them.
            LogFailed(logger, e);
        }
    }

    private async Task<int> SealApplicationSecretsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(Guid Id, Guid? Token, string? Sealed)>();
        await using (var select = db.CreateCommand("""
            SELECT application_secret_id, token, sealed_token FROM iam.application_secret
            WHERE token IS NOT NULL OR left(sealed_token, length($1)) <> $1
            """))
        {
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = box.CurrentPrefix });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            }
        }

        var moved = 0;
        foreach (var (id, token, sealedToken) in rows)
        {
            if (!TryOpen(id, () => token ?? Guid.ParseExact(box.Open(sealedToken!, CredentialSealing.TokenPurpose), "D"), out var clear))
            {
                continue;
            }

            await using var update = db.CreateCommand("""
                UPDATE iam.application_secret SET token = NULL, token_hash = $2, sealed_token = $3
                WHERE application_secret_id = $1 AND token IS NOT DISTINCT FROM $4 AND sealed_token IS NOT DISTINCT FROM $5
                """);
            update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            update.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = sealing.HashToken(clear) });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = box.Seal(clear.ToString("D"), CredentialSealing.TokenPurpose) });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)token ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)sealedToken ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            moved += await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return moved;
    }

    private async Task<int> SealBiscuitsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(Guid Id, string Stored)>();
        await using (var select = db.CreateCommand("""
            SELECT token_id, biscuit FROM iam.token WHERE biscuit IS NOT NULL AND left(biscuit, length($1)) <> $1
            """))
        {
            select.Parameters.Add(new NpgsqlParameter<string> { TypedValue = box.CurrentPrefix });
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), reader.GetString(1)));
            }
        }

        var moved = 0;
        foreach (var (id, stored) in rows)
        {
            if (!TryOpen(id, () => sealing.OpenBiscuit(stored), out var clear))
            {
                continue;
            }

            await using var update = db.CreateCommand("UPDATE iam.token SET biscuit = $2 WHERE token_id = $1 AND biscuit = $3");
            update.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sealing.SealBiscuit(clear) });
            update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stored });
            moved += await update.ExecuteNonQueryAsync(cancellationToken);
        }

        return moved;
    }

    /// <summary>A value sealed by a key that is no longer configured is left as it is (and reported), not lost.</summary>
    private bool TryOpen<T>(Guid id, Func<T> open, out T value)
    {
        try
        {
            value = open();
            return true;
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            LogUnopenable(logger, id);
            value = default!;
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Secrets} application secret(s) and {Biscuits} service token(s) with the current secrets key")]
    private static partial void LogSealed(ILogger logger, int secrets, int biscuits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sealing credentials failed; rows not sealed yet stay as they are until the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Credential {Id} was sealed by a key that is not configured (SECRETS_ENCRYPTION_PREVIOUS_KEYS): it cannot be opened")]
    private static partial void LogUnopenable(ILogger logger, Guid id);
}
