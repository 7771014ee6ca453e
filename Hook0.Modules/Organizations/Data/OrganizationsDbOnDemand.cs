using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Organizations.Data;

/// <summary>
/// The module's context, made only when something asks for it. The credential resolvers and the application directory
/// run on every API request and almost always answer from their caches: taking the context in their constructors built
/// a <see cref="OrganizationsDbContext"/> and its options per request for nothing (issue #21's profile).
/// </summary>
internal sealed class OrganizationsDbOnDemand(IServiceProvider services)
{
    private OrganizationsDbContext? _db;

    public OrganizationsDbContext Db => _db ??= services.GetRequiredService<OrganizationsDbContext>();
}
