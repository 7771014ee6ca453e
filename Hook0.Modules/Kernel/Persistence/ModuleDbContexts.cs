using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hook0.Modules.Kernel.Persistence;

/// <summary>A module's DbContext, listed so the migrator can migrate every module in a fixed order.</summary>
public sealed record MigrationTarget(Type ContextType, string Schema);

/// <summary>Registers one DbContext per module on the shared data source, its history table in its own schema.</summary>
public static class ModuleDbContexts
{
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string schema)
        where TContext : DbContext
    {
        services.AddDbContext<TContext>((sp, options) => Configure(options, sp.GetRequiredService<NpgsqlDataSource>(), schema));
        services.AddSingleton(new MigrationTarget(typeof(TContext), schema));
        return services;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource, string schema)
        => options
            .UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable(HistoryRepository.DefaultTableName, schema))
            .UseSnakeCaseNamingConvention();

    /// <summary>Options for <c>dotnet ef</c> (design time): no database is contacted.</summary>
    public static DbContextOptions<TContext> DesignTimeOptions<TContext>(string schema)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        Configure(builder, NpgsqlDataSource.Create("Host=localhost;Database=hook0_design"), schema);
        return builder.Options;
    }
}
