using Hook0.Modules.Ingestion.Contracts;
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
    public DbSet<Event> Events => Set<Event>();
    public DbSet<EventKey> EventKeys => Set<EventKey>();
    public DbSet<EventsPerDay> EventsPerDay => Set<EventsPerDay>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<EventType>(e =>
        {
            e.ToTable("event_type");
            e.HasKey(t => new { t.ApplicationId, t.Name });
            e.Property(t => t.Name).HasColumnName("event_type_name");
            e.Property(t => t.PayloadSchema).HasColumnType("jsonb");
            e.Property(t => t.Description).HasMaxLength(EventTypeFields.MaxDescriptionLength);
            e.Property(t => t.ExamplePayload).HasColumnName("example").HasColumnType("jsonb");
        });
        modelBuilder.Entity<Event>(e =>
        {
            e.ToTable("event");
            e.Property(x => x.Id).HasColumnName("event_id");
            e.Property(x => x.Ip).HasColumnType("inet");
            e.Property(x => x.Metadata!).HasJsonbConversion();
            e.Property(x => x.Labels).HasJsonbConversion();
            // Partitioned by day of received_at (raw SQL in the PartitionedEvents migration): the key must hold it. Read
            // backwards, this key is also the keyset listing, newest first, per application.
            e.HasKey(x => new { x.ApplicationId, x.ReceivedAt, x.Id });
            e.HasOne<EventType>().WithMany().HasForeignKey(x => new { x.ApplicationId, x.EventTypeName }).OnDelete(DeleteBehavior.Cascade);
            // The event-type filter's own keyset (the planner otherwise walks the whole listing index when a
            // type's events are old); its leading columns also serve the foreign key. Built concurrently:
            // an existing table keeps taking events meanwhile.
            e.HasIndex(x => new { x.ApplicationId, x.EventTypeName, x.ReceivedAt, x.Id }).IsDescending(false, false, true, true);
            // Label filters are containment (labels @> {"k":"v"}): jsonb_path_ops answers only that, compactly.
            e.HasIndex(x => x.Labels).HasMethod("gin").HasOperators("jsonb_path_ops");
        });
        // jsonb, so EF.Functions.JsonContains takes it as is (payload search, issue #23).
        modelBuilder.HasDbFunction(typeof(PayloadJson).GetMethod(nameof(PayloadJson.Of))!)
            .HasName(PayloadJson.FunctionName).HasSchema(Schema).HasStoreType("jsonb");
        modelBuilder.Entity<EventKey>(e =>
        {
            e.ToTable("event_key");
            e.HasKey(x => x.EventId);
            // Keys are written in reception order: a BRIN range finds a dropped day's keys for almost no write cost.
            e.HasIndex(x => x.ReceivedAt).HasMethod("brin");
        });
        modelBuilder.Entity<EventsPerDay>(e =>
        {
            e.ToTable("events_per_day");
            e.HasKey(x => new { x.ApplicationId, x.Day });
        });
    }
}

internal sealed class IngestionDbContextFactory : IDesignTimeDbContextFactory<IngestionDbContext>
{
    public IngestionDbContext CreateDbContext(string[] args)
        => new(ModuleDbContexts.DesignTimeOptions<IngestionDbContext>(IngestionDbContext.Schema));
}
