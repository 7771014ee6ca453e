using Hook0.Modules.Ingestion.Domain;
using Hook0.Modules.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hook0.Modules.Ingestion.Data;

/// <summary>Schema <c>event</c>: event types and events.</summary>
internal sealed class IngestionDbContext(DbContextOptions<IngestionDbContext> options) : DbContext(options)
{
    public const string Schema = "event";

    public DbSet<EventType> EventTypes => Set<EventType>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<EventType>(e =>
        {
            e.ToTable("event_type");
            e.HasKey(t => new { t.ApplicationId, t.Name });
            e.Property(t => t.Name).HasColumnName("event_type_name");
        });
    }
}

internal sealed class IngestionDbContextFactory : IDesignTimeDbContextFactory<IngestionDbContext>
{
    public IngestionDbContext CreateDbContext(string[] args)
        => new(ModuleDbContexts.DesignTimeOptions<IngestionDbContext>(IngestionDbContext.Schema));
}
