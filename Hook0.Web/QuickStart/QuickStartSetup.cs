using Hook0.Modules.Organizations.Keys;

namespace Hook0.Web.QuickStart;

/// <summary>
/// Zero-configuration start: when no database is configured, bring up the embedded PostgreSQL and
/// generate (once, persisted in the data folder) the master API key and the Biscuit root key.
/// </summary>
internal sealed class QuickStartSetup
{
    private QuickStartSetup(EmbeddedPostgres database, string? generatedMasterKey, string masterKeyFile, string? generatedSecretsKeyFile)
    {
        Database = database;
        GeneratedMasterKey = generatedMasterKey;
        MasterKeyFile = masterKeyFile;
        GeneratedSecretsKeyFile = generatedSecretsKeyFile;
    }

    public EmbeddedPostgres Database { get; }

    /// <summary>Set only on the start that generated the key: the one time it is shown.</summary>
    public string? GeneratedMasterKey { get; }

    public string MasterKeyFile { get; }

    /// <summary>Set only on the start that generated the secrets key: where it is (its value is never printed).</summary>
    public string? GeneratedSecretsKeyFile { get; }

    public static async Task<QuickStartSetup?> PrepareAsync(ConfigurationManager configuration)
    {
        if (!string.IsNullOrWhiteSpace(configuration["DATABASE_URL"]) || !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Hook0")))
        {
            return null;
        }

        var dataDir = Path.GetFullPath(configuration["HOOK0_DATA_DIR"] is { Length: > 0 } d ? d : ".hook0-data");
        Directory.CreateDirectory(dataDir);
        var database = await EmbeddedPostgres.StartAsync(dataDir, Console.WriteLine);

        var overrides = new Dictionary<string, string?> { ["DATABASE_URL"] = database.ConnectionString };
        string? generated = null;
        var masterKeyFile = Path.Combine(dataDir, "master-api-key");
        if (string.IsNullOrWhiteSpace(configuration["MASTER_API_KEY"]))
        {
            var (key, isNew) = await ReadOrCreateAsync(masterKeyFile, () => Guid.NewGuid().ToString());
            overrides["MASTER_API_KEY"] = key;
            generated = isNew ? key : null;
        }

        if (string.IsNullOrWhiteSpace(configuration["BISCUIT_PRIVATE_KEY"]))
        {
            var (key, _) = await ReadOrCreateAsync(Path.Combine(dataDir, "biscuit-private-key"), BiscuitRootKey.GeneratePrivateKeyHex);
            overrides["BISCUIT_PRIVATE_KEY"] = key;
        }

        // A newcomer without a mail server logs in at once; the verification link still goes to the log
        // when a real SMTP server is configured later and this setting is turned off.
        if (string.IsNullOrWhiteSpace(configuration["AUTO_VERIFY_USERS"]) && string.IsNullOrWhiteSpace(configuration["SMTP_CONNECTION_URL"]))
        {
            overrides["AUTO_VERIFY_USERS"] = "true";
        }

        string? generatedSecretsKeyFile = null;
        if (string.IsNullOrWhiteSpace(configuration["SECRETS_ENCRYPTION_KEY"]))
        {
            var secretsKeyFile = Path.Combine(dataDir, "secrets-encryption-key");
            var (key, isNew) = await ReadOrCreateAsync(secretsKeyFile,
                () => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            overrides["SECRETS_ENCRYPTION_KEY"] = key;
            generatedSecretsKeyFile = isNew ? secretsKeyFile : null;
        }

        configuration.AddInMemoryCollection(overrides);
        return new QuickStartSetup(database, generated, masterKeyFile, generatedSecretsKeyFile);
    }

    private static async Task<(string Value, bool IsNew)> ReadOrCreateAsync(string file, Func<string> create)
    {
        if (File.Exists(file))
        {
            return ((await File.ReadAllTextAsync(file)).Trim(), false);
        }

        var value = create();
        await File.WriteAllTextAsync(file, value);
        ProcessRunner.OwnerOnly(file);
        return (value, true);
    }

    /// <summary>Stops the embedded database when the host stops, and prints where to go once it listens.</summary>
    public void AttachTo(WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var url = app.Urls.FirstOrDefault() ?? "http://127.0.0.1:8080";
            Console.WriteLine();
            Console.WriteLine($"  Hook0 is running.   Dashboard: {url}/   API: {url}/api/v1/");
            Console.WriteLine(GeneratedMasterKey is not null
                ? $"  Master API key (shown once, stored in {MasterKeyFile}): {GeneratedMasterKey}"
                : $"  Master API key: stored in {MasterKeyFile}");
            if (GeneratedSecretsKeyFile is not null)
            {
                // Shown once, by where it is rather than what it is: it must be backed up with the database.
                Console.WriteLine($"  Secrets encryption key generated in {GeneratedSecretsKeyFile}: back it up with the database (sealed secrets cannot be opened without it)");
            }

            Console.WriteLine($"  Try: curl -H \"Authorization: Bearer $(cat {MasterKeyFile})\" {url}/api/v1/organizations");
            Console.WriteLine();
        });
        app.Lifetime.ApplicationStopped.Register(() => Database.StopAsync().GetAwaiter().GetResult());
    }
}
