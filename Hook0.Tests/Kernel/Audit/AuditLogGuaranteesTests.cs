using System.Net.Http.Json;
using Hook0.Modules.Kernel.Audit;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Housekeeping;
using Hook0.Modules.Kernel.Partitions;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Hook0.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Hook0.Tests.Kernel.Audit.AuditLogAssertions;

namespace Hook0.Tests.Kernel.Audit;

/// <summary>
/// Issue #28 item 1: a refused or rolled-back change leaves no record; the route shows an organization's records to
/// its editors only; the table is append-only in the database itself; retention drops whole days.
/// </summary>
public sealed class AuditLogGuaranteesTests : ApiTest
{
    private static UserAccounts Accounts => new(ApiFixture.Factory);

    [Test]
    public async Task A_rolled_back_change_leaves_no_record_and_a_committed_one_leaves_one()
    {
        var doomed = Guid.NewGuid();
        var kept = Guid.NewGuid();
        await using (var scope = ApiFixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrganizationsDbContext>();
            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Organizations.Add(new Organization { Id = doomed, Name = "Doomed", CreatedAt = DateTime.UtcNow });
            await audit.SaveChangesAsync(db, new AuditChange(doomed, "organization", doomed, "create"), CancellationToken.None);
            await transaction.RollbackAsync();
        }

        await using (var scope = ApiFixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrganizationsDbContext>();
            db.Organizations.Add(new Organization { Id = kept, Name = "Kept", CreatedAt = DateTime.UtcNow });
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().SaveChangesAsync(db, new AuditChange(kept, "organization", kept, "create"), CancellationToken.None);
        }

        // A change whose own save fails (a duplicate key): the record it would have written goes with it.
        await using (var scope = ApiFixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OrganizationsDbContext>();
            db.Organizations.Add(new Organization { Id = kept, Name = "Duplicate", CreatedAt = DateTime.UtcNow });
            Assert.ThrowsAsync<DbUpdateException>(() => scope.ServiceProvider.GetRequiredService<AuditTrail>()
                .SaveChangesAsync(db, new AuditChange(kept, "organization", kept, "duplicate"), CancellationToken.None));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await CountAsync(doomed), Is.Zero, "rolled back with its change");
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM iam.organization WHERE organization_id = '{doomed}'"), Is.Zero);
            Assert.That(await CountAsync(kept), Is.EqualTo(1), "committed with its change (the failed duplicate left none)");
        });
    }

    [Test]
    public async Task Refused_and_invalid_changes_leave_no_record()
    {
        var (ada, organizationId) = await Accounts.UserAsync("ada@example.com");
        var (grace, _) = await Accounts.UserAsync("grace@example.com", "Grace", "Hopper");
        var owner = As(ada.AccessToken);
        await PostJsonAsync(owner, $"/api/v1/organizations/{organizationId}/invite", new { email = "grace@example.com", role = "viewer" }, 200);
        await Accounts.AcceptInvitationsAsync(grace);
        var viewer = As((await Accounts.LoginAsync("grace@example.com")).AccessToken);
        var applicationId = (await PostJsonAsync(owner, "/api/v1/applications", new { organization_id = organizationId, name = "Billing" }))["application_id"]!.GetValue<Guid>();
        var before = (await AuditAsync(owner, organizationId)).Count;

        await AssertProblemAsync(await viewer.PostAsJsonAsync("/api/v1/applications", new { organization_id = organizationId, name = "Nope" }), 403, "Forbidden");
        await AssertProblemAsync(await viewer.DeleteAsync($"/api/v1/applications/{applicationId}"), 403, "Forbidden");
        await AssertProblemAsync(await owner.PostAsJsonAsync("/api/v1/subscriptions", new { application_id = applicationId, is_enabled = true, event_types = new[] { "no.such.type" },
            labels = new Dictionary<string, string> { ["env"] = "prod" }, target = new { type = "http", method = "POST", url = "https://example.com/hook", headers = new { } } }), 400, "EventTypeDoesNotExist");
        await AssertProblemAsync(await owner.DeleteAsync($"/api/v1/organizations/{organizationId}"), 409, "OrganizationIsNotEmpty");
        await AssertProblemAsync(await owner.PostAsJsonAsync("/api/v1/event_types", new { application_id = applicationId, service = "", resource_type = "invoice", verb = "paid" }), 422, "Validation");

        var after = await AuditAsync(owner, organizationId);
        Assert.Multiple(() =>
        {
            Assert.That(after, Has.Count.EqualTo(before), after.ToJsonString());
            Assert.That(after.Where(r => r!["actor_id"]?.GetValue<string>() == grace.UserId.ToString()), Is.Empty);
        });
    }

    [Test]
    public async Task Only_the_organizations_editors_read_its_audit_log()
    {
        var (ada, adaOrganization) = await Accounts.UserAsync("ada@example.com");
        var (grace, graceOrganization) = await Accounts.UserAsync("grace@example.com", "Grace", "Hopper");
        await PostJsonAsync(As(grace.AccessToken), "/api/v1/applications", new { organization_id = graceOrganization, name = "Grace's" });
        await PostJsonAsync(As(ada.AccessToken), $"/api/v1/organizations/{adaOrganization}/invite", new { email = "grace@example.com", role = "viewer" }, 200);
        await Accounts.AcceptInvitationsAsync(grace);
        var graceViewer = As((await Accounts.LoginAsync("grace@example.com")).AccessToken);
        var adaToken = (await PostJsonAsync(Master(), "/api/v1/service_token", new { organization_id = adaOrganization, name = "ada's" }))["biscuit"]!.GetValue<string>();

        await AssertProblemAsync(await As(ada.AccessToken).GetAsync($"/api/v1/organizations/{graceOrganization}/audit"), 403, "Forbidden");
        await AssertProblemAsync(await As(adaToken).GetAsync($"/api/v1/organizations/{graceOrganization}/audit"), 403, "Forbidden");
        await AssertProblemAsync(await graceViewer.GetAsync($"/api/v1/organizations/{adaOrganization}/audit"), 403, "Forbidden");
        await AssertProblemAsync(await As(ada.AccessToken).GetAsync($"/api/v1/organizations/{graceOrganization}/audit?format=ndjson"), 403, "Forbidden");

        var own = await AuditAsync(As(adaToken), adaOrganization);
        var grace_ = await AuditAsync(As(grace.AccessToken), graceOrganization);
        Assert.Multiple(() =>
        {
            Assert.That(own.Select(r => r!["organization_id"]!.GetValue<Guid>()), Is.All.EqualTo(adaOrganization).And.Not.Empty);
            Assert.That(grace_.Select(r => r!["organization_id"]!.GetValue<Guid>()), Is.All.EqualTo(graceOrganization));
            Assert.That(Count(grace_, "application", "create"), Is.EqualTo(1));
            Assert.That(Count(own, "application", "create"), Is.Zero, "another organization's records never show");
        });
    }

    [Test]
    public async Task The_database_refuses_to_update_or_delete_a_record()
    {
        var organizationId = await new Scenario(Master()).OrganizationAsync();
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
                 {
                     $"UPDATE infrastructure.audit_record SET action = 'forged' WHERE organization_id = '{organizationId}'",
                     $"DELETE FROM infrastructure.audit_record WHERE organization_id = '{organizationId}'",
                     "TRUNCATE infrastructure.audit_record",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Multiple(() =>
            {
                Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), sql);
                Assert.That(refused.MessageText, Does.Contain("append-only"), sql);
            });
        }

        var records = await AuditAsync(Master(), organizationId);
        Assert.That(One(records, "organization", "create", organizationId)["action"]!.GetValue<string>(), Is.EqualTo("create"), "unchanged");
    }

    [Test]
    public async Task Retention_drops_whole_days_past_it_and_records_outlive_their_organization()
    {
        var organizationId = await new Scenario(Master()).OrganizationAsync();
        Assert.That((int)(await Master().DeleteAsync($"/api/v1/organizations/{organizationId}")).StatusCode, Is.EqualTo(204));
        var old = Guid.NewGuid();
        var recent = Guid.NewGuid();
        // Written as they would have been long ago: into the DEFAULT partition (no day partition exists that far back).
        foreach (var (organization, daysAgo) in new[] { (old, 400), (recent, 300) })
        {
            await Database.ExecuteAsync($"""
                INSERT INTO infrastructure.audit_record (audit_record_id, recorded_at, organization_id, actor_kind, channel, entity_type, action)
                VALUES (gen_random_uuid(), now() - interval '{daysAgo} days', '{organization}', 'system', 'system', 'organization', 'create')
                """);
        }

        await using (var scope = ApiFixture.Factory.Services.CreateAsyncScope())
        {
            // The keeper adopts the DEFAULT partition's days (moving rows out of it is the one DELETE the trigger allows).
            await scope.ServiceProvider.GetRequiredService<PartitionUpkeep>().RunAsync(CancellationToken.None);
            var job = scope.ServiceProvider.GetServices<IHousekeepingJob>().Single(j => j.Name == "old audit records");
            Assert.That(await job.RunAsync(job.ReportOnly, CancellationToken.None), Is.GreaterThanOrEqualTo(1));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await CountAsync(old), Is.Zero, "past the 365 days of retention: dropped with its day");
            Assert.That(await CountAsync(recent), Is.EqualTo(1), "within retention: kept");
            Assert.That(await Database.ScalarAsync<long>("SELECT count(*) FROM infrastructure.audit_record_default"), Is.Zero, "adopted into day partitions");
            Assert.That(await Database.ScalarAsync<long>($"SELECT count(*) FROM infrastructure.audit_record WHERE organization_id = '{organizationId}' AND entity_type = 'organization'"),
                Is.EqualTo(2), "a deleted organization's records (create, delete) are kept");
        });
    }

    [Test]
    public async Task Sign_ins_and_failed_sign_ins_are_recorded_for_the_user_alone()
    {
        var (ada, _) = await Accounts.UserAsync("ada@example.com");
        var failed = await Anonymous().PostAsJsonAsync("/api/v1/auth/login", new { email = "ada@example.com", password = "wrong-password-123" });
        Assert.That((int)failed.StatusCode, Is.EqualTo(401));
        var session = await Accounts.LoginAsync("ada@example.com");

        await using var scope = ApiFixture.Factory.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<Mediator.ISender>();
        var events = await sender.Send(new Hook0.Modules.Kernel.Audit.ListAccountEvents.ListAccountEventsQuery(new Caller(CallerKind.User, UserId: ada.UserId)));
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Action).Take(2), Is.EqualTo(new[] { "sign_in", "sign_in_failed" }), "newest first");
            Assert.That(events.Select(e => e.Channel), Is.All.EqualTo("rest"));
            Assert.That(session.UserId, Is.EqualTo(ada.UserId));
        });
        var someoneElse = await sender.Send(new Hook0.Modules.Kernel.Audit.ListAccountEvents.ListAccountEventsQuery(new Caller(CallerKind.User, UserId: Guid.NewGuid())));
        Assert.That(someoneElse, Is.Empty, "each user sees only their own");
        Assert.ThrowsAsync<Hook0.Modules.Kernel.Errors.ProblemException>(async () => await sender.Send(new Hook0.Modules.Kernel.Audit.ListAccountEvents.ListAccountEventsQuery(Caller.MasterKey)));
    }

    private static Task<long> CountAsync(Guid organizationId)
        => Database.ScalarAsync<long>($"SELECT count(*) FROM infrastructure.audit_record WHERE organization_id = '{organizationId}'");
}
