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
            s.HasIndex(x => x.ApplicationId).HasFilter("deleted_at IS NULL");
            s.HasMany(x => x.EventTypes).WithOne().HasForeignKey(e => e.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
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
