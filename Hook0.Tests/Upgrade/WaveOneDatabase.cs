using System.Globalization;
using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Organizations.Data;
using Hook0.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Hook0.Tests.Upgrade;

/// <summary>
/// A database as the last wave-one release left it: each module's context migrated to its last wave-one migration
/// (the code that wrote these tables is gone from the tree, its migrations are not), then filled by SQL.
/// </summary>
internal static class WaveOneDatabase
{
    /// <summary>The last migration of each module in the wave-one release, in the migrator's module order.</summary>
    public static readonly (Type Context, string Schema, string LastMigration)[] Migrations =
    [
        (typeof(OrganizationsDbContext), OrganizationsDbContext.Schema, "20261207085533_SystemApplicationPerOrganization"),
        (typeof(IngestionDbContext), IngestionDbContext.Schema, "20261129022441_EventListFilters"),
        (typeof(DeliveryDbContext), DeliveryDbContext.Schema, "20261129031652_DeliveryAnalyticsHourly"),
    ];

    public static async Task CreateAsync(TestDatabase database)
    {
        await database.CreateEmptyAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        foreach (var (contextType, schema, last) in Migrations)
        {
            var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(contextType))!;
            ModuleDbContexts.Configure(builder, dataSource, schema);
            await using var context = (DbContext)Activator.CreateInstance(contextType, builder.Options)!;
            await context.GetService<IMigrator>().MigrateAsync(last);
        }
    }

    /// <summary>Runs SQL on the database (the seed's statements, in one transaction).</summary>
    public static async Task ExecuteAsync(TestDatabase database, string sql)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>A SQL literal of an instant (or NULL).</summary>
    public static string At(DateTime? at) => at is { } t ? $"'{t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'" : "NULL";

    public static string Text(string? value) => value is null ? "NULL" : $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";
}
