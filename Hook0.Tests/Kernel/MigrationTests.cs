using Hook0.Modules.Delivery.Data;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Organizations.Data;
using Hook0.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Kernel;

public sealed class MigrationTests
{
    [Test]
    public async Task Every_module_migrates_an_empty_database_into_its_own_schema()
    {
        var database = TestDatabase.CreateUnique("hook0_migrate");
        try
        {
            await using (var factory = new Hook0Factory(database))
            {
                _ = factory.Server; // start-up applies the migrations
                using var scope = factory.Services.CreateScope();
                foreach (var context in new DbContext[]
                         {
                             scope.ServiceProvider.GetRequiredService<OrganizationsDbContext>(),
                             scope.ServiceProvider.GetRequiredService<IngestionDbContext>(),
                             scope.ServiceProvider.GetRequiredService<DeliveryDbContext>(),
                         })
                {
                    Assert.That(await context.Database.GetPendingMigrationsAsync(), Is.Empty, context.GetType().Name);
                    Assert.That(context.Database.HasPendingModelChanges(), Is.False, $"{context.GetType().Name} has model changes without a migration");
                }
            }

            Assert.Multiple(async () =>
            {
                Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'iam' AND table_name IN ('organization','user','user__organization','token','application','application_secret')"), Is.EqualTo(6));
                Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'event' AND table_name = 'event_type'"), Is.EqualTo(1));
                Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'webhook' AND table_name IN ('subscription','subscription__event_type')"), Is.EqualTo(2));
                Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"), Is.Zero, "nothing lands in public");
            });
        }
        finally
        {
            await database.DropAsync();
        }
    }

    [Test]
    public async Task Two_instances_starting_together_both_come_up_on_one_new_database()
    {
        var database = TestDatabase.CreateUnique("hook0_race");
        try
        {
            await using var first = new Hook0Factory(database);
            await using var second = new Hook0Factory(database);
            await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

            // Each migration applied exactly once, although both instances raced to apply them.
            Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM iam.\"__EFMigrationsHistory\""), Is.GreaterThan(0));
            Assert.That(await database.ScalarAsync<long>("SELECT count(*) - count(DISTINCT migration_id) FROM iam.\"__EFMigrationsHistory\""), Is.Zero);
            var ready = await first.CreateClient().GetAsync("/readyz");
            Assert.That((int)ready.StatusCode, Is.EqualTo(200));
        }
        finally
        {
            await database.DropAsync();
        }
    }
}
