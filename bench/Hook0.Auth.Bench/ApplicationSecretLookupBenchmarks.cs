using BenchmarkDotNet.Attributes;
using Hook0.Modules.Kernel.Notifications;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Secrets;
using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Organizations.Authentication;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Modules.Organizations.SecretsAtRest;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hook0.Auth.Bench;

/// <summary>
/// What one request with an application secret as bearer pays to be recognized: the real resolver on
/// a real <c>iam</c> schema holding <see cref="Secrets"/> secrets. Cold: the per-instance cache is
/// emptied first, so the database lookup is paid; cached: the usual case within the cache's minute.
/// Needs <c>BENCH_DATABASE_URL</c> (a throwaway PostgreSQL; its <c>iam</c> schema is dropped and rebuilt).
/// </summary>
[MemoryDiagnoser]
public class ApplicationSecretLookupBenchmarks
{
    private const int Secrets = 10_000;
    private NpgsqlDataSource _dataSource = null!;
    private OrganizationsCaches _caches = null!;
    private OrganizationsDbContext _db = null!;
    private ApplicationSecretResolver _resolver = null!;
    private string _bearer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var url = Environment.GetEnvironmentVariable("BENCH_DATABASE_URL")
            ?? throw new InvalidOperationException("Set BENCH_DATABASE_URL to a throwaway PostgreSQL database.");
        _dataSource = NpgsqlDataSource.Create(url);
        using (var drop = _dataSource.CreateCommand("DROP SCHEMA IF EXISTS iam CASCADE"))
        {
            drop.ExecuteNonQuery();
        }

        _db = NewContext();
        _db.Database.Migrate();
        var organization = new Organization { Id = Guid.NewGuid(), Name = "bench", CreatedAt = DateTime.UtcNow };
        var application = new HookApplication { Id = Guid.NewGuid(), OrganizationId = organization.Id, Name = "bench", CreatedAt = DateTime.UtcNow };
        _db.Add(organization);
        _db.Add(application);
        var tokens = Enumerable.Range(0, Secrets).Select(_ => Guid.NewGuid()).ToList();
        var sealing = new CredentialSealing(new SecretBox(Options.Create(new SecretsOptions { EncryptionKey = Convert.ToBase64String(new byte[32]) }),
            NullLogger<SecretBox>.Instance));
        _db.ApplicationSecrets.AddRange(tokens.Select(t => NewSecret(sealing, application.Id, t)));
        _db.SaveChanges();
        _db.ChangeTracker.Clear();
        _bearer = tokens[Secrets / 2].ToString("D");

        _caches = new OrganizationsCaches(new PgNotificationHub(_dataSource, NullLogger<PgNotificationHub>.Instance), TimeProvider.System);
        _resolver = new ApplicationSecretResolver(new OrganizationsDbOnDemand(new ServiceCollection().AddSingleton(_db).BuildServiceProvider()), _caches, sealing,
            Options.Create(new ServerOptions()));
    }

    private static ApplicationSecret NewSecret(CredentialSealing sealing, Guid applicationId, Guid token)
    {
        var secret = sealing.NewSecret(applicationId, "bench", DateTime.UtcNow);
        secret.TokenHash = sealing.HashToken(token);
        return secret;
    }

    private OrganizationsDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<OrganizationsDbContext>();
        ModuleDbContexts.Configure(options, _dataSource, OrganizationsDbContext.Schema);
        return new OrganizationsDbContext(options.Options);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Dispose();
        _dataSource.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> CachedSecret() => await _resolver.ResolveAsync(_bearer, CancellationToken.None) is not null;

    [Benchmark]
    public async Task<bool> ColdSecret()
    {
        _caches.Secrets.Clear();
        return await _resolver.ResolveAsync(_bearer, CancellationToken.None) is not null;
    }
}
