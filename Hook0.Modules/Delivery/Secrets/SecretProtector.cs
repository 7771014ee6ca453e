using System.Collections.Concurrent;
using Hook0.Modules.Kernel.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Modules.Delivery.Secrets;

/// <summary>
/// Seals and opens subscription secrets with ASP.NET Core Data Protection, on a key ring of its own
/// (kept in the database, encrypted by <c>SECRETS_ENCRYPTION_KEY</c>), apart from the host's ring.
/// Opened secrets are cached: every delivery needs them and opening costs more than signing.
/// </summary>
internal sealed partial class SecretProtector
{
    private const int CacheLimit = 10_000;
    private readonly IDataProtector _protector;
    private readonly ConcurrentDictionary<string, string> _opened = new(StringComparer.Ordinal);

    public SecretProtector(NpgsqlDataSource db, IOptions<SecretsOptions> options, ILogger<SecretProtector> logger)
    {
        var keys = SecretBox.KeysFrom(options.Value);
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("hook0-subscription-secrets");
        services.Configure<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new DatabaseXmlRepository(db);
            if (keys is not null)
            {
                o.XmlEncryptor = new ConfiguredKeyXmlEncryptor(keys);
            }
        });
        if (keys is not null)
        {
            services.AddSingleton(keys);
        }
        else
        {
            LogNoKey(logger);
        }

        _protector = services.BuildServiceProvider().GetDataProtector("webhook.subscription_secret");
    }

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedValue)
    {
        if (_opened.TryGetValue(protectedValue, out var secret))
        {
            return secret;
        }

        secret = _protector.Unprotect(protectedValue);
        if (_opened.Count >= CacheLimit)
        {
            _opened.Clear();
        }

        _opened[protectedValue] = secret;
        return secret;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SECRETS_ENCRYPTION_KEY is not set: the key ring sealing subscription secrets is stored unencrypted in the database")]
    private static partial void LogNoKey(ILogger logger);
}
