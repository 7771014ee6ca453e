using Hook0.Modules.Organizations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hook0.Modules.Organizations.Data;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.ToTable("organization", t => t.HasCheckConstraint("organization_name_chk", "length(name) > 1"));
        builder.Property(o => o.Id).HasColumnName("organization_id");
        builder.HasMany(o => o.Members).WithOne().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(o => o.Plan).WithMany().HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> builder)
    {
        builder.ToTable("plan", t => t.HasCheckConstraint("plan_name_chk", "length(name) > 0"));
        builder.Property(p => p.Id).HasColumnName("plan_id");
        builder.HasIndex(p => p.Name).IsUnique();
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("user");
        builder.Property(u => u.Id).HasColumnName("user_id");
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("user__organization", t => t.HasCheckConstraint("membership_role_chk", "role IN ('editor', 'viewer')"));
        builder.HasKey(m => new { m.UserId, m.OrganizationId });
        builder.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.OrganizationId);
    }
}

internal sealed class TokenConfiguration : IEntityTypeConfiguration<Token>
{
    public void Configure(EntityTypeBuilder<Token> builder)
    {
        builder.ToTable("token", t => t.HasCheckConstraint("token_type_chk", "type IN ('service_access', 'user_access', 'refresh')"));
        builder.Property(t => t.Id).HasColumnName("token_id");
        builder.HasIndex(t => t.RevocationId);
        builder.HasIndex(t => t.OrganizationId);
        builder.HasIndex(t => t.UserId);
        builder.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HookApplicationConfiguration : IEntityTypeConfiguration<HookApplication>
{
    public void Configure(EntityTypeBuilder<HookApplication> builder)
    {
        builder.ToTable("application", t => t.HasCheckConstraint("application_name_chk", "length(name) > 1"));
        builder.Property(a => a.Id).HasColumnName("application_id");
        builder.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.OrganizationId).HasFilter("deleted_at IS NULL");
        // One live system application per organization: concurrent first uses create it once.
        builder.HasIndex(a => a.OrganizationId, "application_system_uidx").IsUnique().HasFilter("is_system AND deleted_at IS NULL")
            .HasDatabaseName("application_system_uidx");
    }
}

internal sealed class ApplicationSecretConfiguration : IEntityTypeConfiguration<ApplicationSecret>
{
    public void Configure(EntityTypeBuilder<ApplicationSecret> builder)
    {
        // Each row holds its token either in clear (written before ADR 0015, until the start-up sealer moves
        // it) or sealed with its lookup hash, never neither.
        builder.ToTable("application_secret", t => t.HasCheckConstraint("application_secret_sealed_chk",
            "token IS NOT NULL OR (token_hash IS NOT NULL AND sealed_token IS NOT NULL)"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("application_secret_id").HasDefaultValueSql("gen_random_uuid()");
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasOne<HookApplication>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.ApplicationId);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitation", t => t.HasCheckConstraint("invitation_role_chk", "role IN ('editor', 'viewer')"));
        builder.Property(i => i.Id).HasColumnName("invitation_id");
        builder.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(i => i.InvitedByUserId).OnDelete(DeleteBehavior.SetNull);
        // One pending invitation per address and organization: inviting again updates it.
        builder.HasIndex(i => new { i.OrganizationId, i.NormalizedEmail }).IsUnique();
        builder.HasIndex(i => i.NormalizedEmail);
    }
}

internal sealed class DashboardSessionConfiguration : IEntityTypeConfiguration<DashboardSession>
{
    public void Configure(EntityTypeBuilder<DashboardSession> builder)
    {
        builder.ToTable("dashboard_session");
        builder.Property(s => s.Id).HasColumnName("dashboard_session_id").ValueGeneratedNever();
        builder.HasIndex(s => s.LookupHash).IsUnique();
        builder.HasIndex(s => s.UserId);
        builder.Property(s => s.SealedAccessToken).HasMaxLength(8_000);
        builder.Property(s => s.SealedRefreshToken).HasMaxLength(8_000);
        builder.Property(s => s.UserAgent).HasMaxLength(DashboardSession.UserAgentMaxLength);
        builder.Property(s => s.Address).HasMaxLength(DashboardSession.AddressMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortalSessionConfiguration : IEntityTypeConfiguration<PortalSession>
{
    public void Configure(EntityTypeBuilder<PortalSession> builder)
    {
        builder.ToTable("portal_session");
        builder.Property(s => s.Id).HasColumnName("portal_session_id").ValueGeneratedNever();
        builder.Property(s => s.SealedToken).HasMaxLength(16_000);
        builder.HasIndex(s => s.LookupHash).IsUnique();
        builder.HasIndex(s => s.ApplicationId);
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasOne<HookApplication>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PortalSettingsConfiguration : IEntityTypeConfiguration<PortalSettings>
{
    public void Configure(EntityTypeBuilder<PortalSettings> builder)
    {
        builder.ToTable("portal_settings", t => t.HasCheckConstraint("portal_settings_theme_chk", "theme IN ('light', 'dark')"));
        builder.HasKey(s => s.ApplicationId);
        builder.Property(s => s.ApplicationId).ValueGeneratedNever();
        builder.Property(s => s.DisplayName).HasMaxLength(PortalSettings.DisplayNameMaxLength);
        builder.Property(s => s.LogoUrl).HasMaxLength(PortalSettings.LogoUrlMaxLength);
        builder.Property(s => s.AccentColor).HasMaxLength(7);
        builder.Property(s => s.Theme).HasMaxLength(5);
        builder.HasOne<HookApplication>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Cascade);
    }
}
