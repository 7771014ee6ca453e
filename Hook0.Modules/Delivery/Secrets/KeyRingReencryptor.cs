using System.Xml.Linq;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.Secrets;

/// <summary>
/// After a rotation of <c>SECRETS_ENCRYPTION_KEY</c>, at start-up and before anything opens a subscription
/// secret: the key-ring elements still encrypted by a previous key are encrypted again with the current
/// one, so the previous key can then be dropped from <c>SECRETS_ENCRYPTION_PREVIOUS_KEYS</c>. Each row is
/// replaced in one conditional statement: instances starting together leave it whole.
/// </summary>
internal sealed partial class KeyRingReencryptor(NpgsqlDataSource db, IOptions<SecretsOptions> options, ILogger<KeyRingReencryptor> logger) : IStartupDataStep
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (SecretBox.KeysFrom(options.Value) is not { All.Count: > 1 } keys)
        {
            return; // no rotation under way: nothing a previous key sealed can be opened anyway
        }

        try
        {
            var rows = new List<(int Id, string Xml)>();
            await using (var select = db.CreateCommand("SELECT data_protection_key_id, xml FROM webhook.data_protection_key"))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetInt32(0), reader.GetString(1)));
                }
            }

            var encryptor = new ConfiguredKeyXmlEncryptor(keys);
            var moved = 0;
            foreach (var (id, xml) in rows)
            {
                var element = XElement.Parse(xml);
                var stale = element.Descendants().Where(e => e.Name.LocalName == "aesGcmSealed" && (string?)e.Attribute("keyId") != keys.Current.Id).ToList();
                foreach (var sealedElement in stale)
                {
                    if (keys.Find((string?)sealedElement.Attribute("keyId")) is { } previous)
                    {
                        sealedElement.ReplaceWith(encryptor.Encrypt(ConfiguredKeyXmlDecryptor.Open(previous, sealedElement)).EncryptedElement);
                    }
                }

                if (stale.Count == 0)
                {
                    continue;
                }

                await using var update = db.CreateCommand("UPDATE webhook.data_protection_key SET xml = $2 WHERE data_protection_key_id = $1 AND xml = $3");
                update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
                update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = element.ToString(SaveOptions.DisableFormatting) });
                update.Parameters.Add(new NpgsqlParameter<string> { TypedValue = xml });
                moved += await update.ExecuteNonQueryAsync(cancellationToken);
            }

            if (moved > 0)
            {
                LogReencrypted(logger, moved);
            }
        }
        catch (NpgsqlException e)
        {
            // Not fatal: the previous key still opens those elements, and the next start retries.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-encrypted {Count} subscription key-ring element(s) with the current SECRETS_ENCRYPTION_KEY")]
    private static partial void LogReencrypted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-encrypting the subscription key ring failed; the previous key still opens it, the next start retries")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
