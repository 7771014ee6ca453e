using Hook0.Modules.Kernel.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hook0.Modules.Kernel.Data;

/// <summary>
/// Schema <c>infrastructure</c>: what the host itself keeps, owned by no business module. Today the host's
/// Data Protection key ring (session cookie, antiforgery), shared by every instance and encrypted at rest
/// (<see cref="DataProtection.SealedXmlEncryptor"/>). The schema generation table lives here too, but is
/// created by the migrations that raise it (<see cref="SchemaGeneration"/>), not by this model.
/// </summary>
internal sealed class InfrastructureDbContext(DbContextOptions<InfrastructureDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public const string Schema = "infrastructure";

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Audit.AuditRecord> AuditRecords => Set<Audit.AuditRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<DataProtectionKey>(k =>
        {
            k.ToTable("data_protection_key");
            k.Property(x => x.Id).HasColumnName("data_protection_key_id");
            // Bounded: a key element sealed by SealedXmlEncryptor is about 1.5 kB.
            k.Property(x => x.FriendlyName).HasMaxLength(100);
            k.Property(x => x.Xml).HasMaxLength(16_000);
        });
        // The audit log (issue #28): created by the AuditLog migration's SQL (day partitions, append-only trigger are
        // outside EF's model), mapped here for reads.
        modelBuilder.Entity<Audit.AuditRecord>(a =>
        {
            a.ToTable("audit_record", t => t.ExcludeFromMigrations());
            a.HasKey(x => new { x.RecordedAt, x.AuditRecordId });
            a.Property(x => x.Diff).HasColumnType("jsonb");
        });
    }
}

internal sealed class InfrastructureDbContextFactory : IDesignTimeDbContextFactory<InfrastructureDbContext>
{
    public InfrastructureDbContext CreateDbContext(string[] args)
        => new(ModuleDbContexts.DesignTimeOptions<InfrastructureDbContext>(InfrastructureDbContext.Schema));
}
