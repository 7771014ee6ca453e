using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hook0.Modules.Delivery.Analytics;

/// <summary>The roll-up's tables in Delivery's schema (ADR 0013).</summary>
internal static class AnalyticsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<DeliveryStatMinute>(s =>
        {
            s.ToTable("delivery_stat_minute");
            s.HasKey(x => new { x.SubscriptionId, x.Minute });
            Counters(s);
            // The analytics read an application's minutes in a window (or one subscription's, by the key).
            s.HasIndex(x => new { x.ApplicationId, x.Minute });
            // Retention purges by age across applications.
            s.HasIndex(x => x.Minute);
        });
        modelBuilder.Entity<DeliveryStatHour>(s =>
        {
            s.ToTable("delivery_stat_hour");
            s.HasKey(x => new { x.SubscriptionId, x.Hour });
            Counters(s);
            // Same access paths as the minutes: an application's hours in a window, a subscription's by the key, the purge by age.
            s.HasIndex(x => new { x.ApplicationId, x.Hour });
            s.HasIndex(x => x.Hour);
        });
        modelBuilder.Entity<DeliveryStatWatermark>(w =>
        {
            w.ToTable("delivery_stat_watermark", t => t.HasCheckConstraint("delivery_stat_watermark_single_chk", "id = 1"));
            w.Property(x => x.Id).ValueGeneratedNever();
        });
    }

    private static void Counters<T>(EntityTypeBuilder<T> s)
        where T : DeliveryStatCounts
    {
        s.Property(x => x.Http2xx).HasColumnName("http_2xx");
        s.Property(x => x.Http3xx).HasColumnName("http_3xx");
        s.Property(x => x.Http4xx).HasColumnName("http_4xx");
        s.Property(x => x.Http5xx).HasColumnName("http_5xx");
        s.Property(x => x.ErrorClasses).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
    }
}
