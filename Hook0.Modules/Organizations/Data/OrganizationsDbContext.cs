using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hook0.Modules.Organizations.Data;

/// <summary>Schema <c>iam</c>: who may do what (organizations, users, tokens) and the applications they own.</summary>
internal sealed class OrganizationsDbContext(DbContextOptions<OrganizationsDbContext> options) : DbContext(options)
{
    public const string Schema = "iam";

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Token> Tokens => Set<Token>();
    public DbSet<DashboardSession> DashboardSessions => Set<DashboardSession>();
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<HookApplication> Applications => Set<HookApplication>();
    public DbSet<ApplicationSecret> ApplicationSecrets => Set<ApplicationSecret>();
    public DbSet<PortalSession> PortalSessions => Set<PortalSession>();
    public DbSet<PortalSettings> PortalSettings => Set<PortalSettings>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(OrganizationsDbContext).Assembly,
            t => t.Namespace == typeof(OrganizationsDbContext).Namespace);
    }
}

internal sealed class OrganizationsDbContextFactory : IDesignTimeDbContextFactory<OrganizationsDbContext>
{
    public OrganizationsDbContext CreateDbContext(string[] args)
        => new(ModuleDbContexts.DesignTimeOptions<OrganizationsDbContext>(OrganizationsDbContext.Schema));
}
