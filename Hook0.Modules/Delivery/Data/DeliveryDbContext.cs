using Hook0.Modules.Delivery.Analytics;
using Hook0.Modules.Delivery.Domain;
using Hook0.Modules.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hook0.Modules.Delivery.Data;

/// <summary>Schema <c>webhook</c>: subscriptions, request attempts and responses.</summary>
internal sealed class DeliveryDbContext(DbContextOptions<DeliveryDbContext> options) : DbContext(options)
{
    public const string Schema = "webhook";

    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<SubscriptionSecret> SubscriptionSecrets => Set<SubscriptionSecret>();
    public DbSet<HealthTransition> HealthTransitions => Set<HealthTransition>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OperationalEvent> OperationalEvents => Set<OperationalEvent>();
    public DbSet<DeliveryStatMinute> DeliveryStats => Set<DeliveryStatMinute>();
    public DbSet<AttemptRecord> AttemptHistory => Set<AttemptRecord>();
    public DbSet<QueuedAttempt> Queue => Set<QueuedAttempt>();
    public DbSet<DeliveryLane> Lanes => Set<DeliveryLane>();
    public DbSet<DeadLetterRetry> DeadLetterRetries => Set<DeadLetterRetry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<Subscription>(s =>
        {
            s.ToTable("subscription");
            s.Property(x => x.Id).HasColumnName("subscription_id");
            s.Property(x => x.Metadata).HasJsonbConversion();
            s.Property(x => x.Labels).HasJsonbConversion();
            s.Property(x => x.TargetHeaders).HasJsonbConversion();
            s.Property(x => x.TargetType).HasMaxLength(10).HasDefaultValue("http");
            s.Property(x => x.RetryPolicy).HasColumnType("jsonb");
            s.Property(x => x.OAuth2).HasColumnName("oauth2").HasColumnType("jsonb");
            s.Property(x => x.ClientCertificates).HasColumnType("jsonb");
            s.HasIndex(x => x.ApplicationId).HasFilter("deleted_at IS NULL");
            s.Property(x => x.LegacySecret).HasColumnName("secret");
            s.Property(x => x.SignatureSchemes).HasDefaultValue("both");
            s.Property(x => x.HealthState).HasDefaultValue("healthy");
            s.ToTable(t =>
            {
                t.HasCheckConstraint("subscription_signature_schemes_chk", "signature_schemes IN ('hook0', 'standard', 'both')");
                t.HasCheckConstraint("subscription_health_state_chk", "health_state IN ('healthy', 'degraded', 'failing', 'disabled')");
            });
            // The health monitor visits only subscriptions with something to decide.
            s.HasIndex(x => x.HealthState).HasDatabaseName("subscription_health_watch_idx")
                .HasFilter("deleted_at IS NULL AND (failing_since IS NOT NULL OR health_state <> 'healthy')");
            s.HasMany(x => x.Secrets).WithOne().HasForeignKey(k => k.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            s.HasMany(x => x.EventTypes).WithOne().HasForeignKey(e => e.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            s.HasMany(x => x.EventTypePatterns).WithOne().HasForeignKey(e => e.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<SubscriptionEventTypePattern>(e =>
        {
            e.ToTable("subscription__event_type_pattern");
            e.HasKey(x => new { x.SubscriptionId, x.Pattern });
        });
        modelBuilder.Entity<SubscriptionSecret>(k =>
        {
            k.ToTable("subscription_secret", t => t.HasCheckConstraint("subscription_secret_kind_chk", "kind IN ('hmac', 'ed25519')"));
            k.Property(x => x.Id).HasColumnName("subscription_secret_id");
            k.HasIndex(x => x.SubscriptionId);
        });
        modelBuilder.Entity<HealthTransition>(h =>
        {
            h.ToTable("subscription_health_transition");
            h.Property(x => x.Id).HasColumnName("health_transition_id");
            h.HasOne<Subscription>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
            h.HasIndex(x => new { x.SubscriptionId, x.OccurredAt });
        });
        modelBuilder.Entity<DataProtectionKey>(k =>
        {
            k.ToTable("data_protection_key");
            k.Property(x => x.Id).HasColumnName("data_protection_key_id");
        });
        modelBuilder.Entity<OperationalEvent>(o =>
        {
            o.ToTable("operational_event");
            o.Property(x => x.Id).HasColumnName("operational_event_id");
            o.Property(x => x.Data).HasColumnType("jsonb");
            // The relay reads the pending rows, oldest first.
            o.HasIndex(x => new { x.OccurredAt, x.Id }).HasDatabaseName("operational_event_pending_idx").HasFilter("relayed_at IS NULL");
        });
        AnalyticsModel.Configure(modelBuilder);
        // The second design's hot tables (ADR 0016): created by raw SQL in the SecondDesign migration (partitioning,
        // fillfactor and partial indexes are outside EF's model), mapped here for reads.
        modelBuilder.Entity<AttemptRecord>(a =>
        {
            a.ToTable("attempt", t => t.ExcludeFromMigrations());
            a.HasKey(x => new { x.ApplicationId, x.CreatedAt, x.RequestAttemptId });
            a.Property(x => x.RequestHeaders).HasColumnType("jsonb");
            a.Property(x => x.ResponseHeaders).HasColumnType("jsonb");
        });
        modelBuilder.Entity<QueuedAttempt>(q =>
        {
            q.ToTable("delivery_queue", t => t.ExcludeFromMigrations());
            q.HasKey(x => new { x.ApplicationId, x.RequestAttemptId });
        });
        modelBuilder.Entity<DeliveryLane>(l =>
        {
            l.ToTable("delivery_lane", t => t.ExcludeFromMigrations());
            l.HasKey(x => new { x.ApplicationId, x.SubscriptionId });
        });
        modelBuilder.Entity<DeadLetterRetry>(d =>
        {
            d.ToTable("dead_letter_retry", t => t.ExcludeFromMigrations());
            d.HasKey(x => new { x.ApplicationId, x.RequestAttemptId });
        });
        modelBuilder.Entity<SubscriptionEventType>(e =>
        {
            e.ToTable("subscription__event_type");
            e.HasKey(x => new { x.SubscriptionId, x.EventTypeName });
        });
    }
}

internal sealed class DeliveryDbContextFactory : IDesignTimeDbContextFactory<DeliveryDbContext>
{
    public DeliveryDbContext CreateDbContext(string[] args)
        => new(ModuleDbContexts.DesignTimeOptions<DeliveryDbContext>(DeliveryDbContext.Schema));
}
