using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Hook0.Modules.Kernel.Audit;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Hook0.Tests.Kernel.Audit.AuditLogAssertions;

namespace Hook0.Tests.Kernel.Audit;

/// <summary>The audit route's keyset pages, filters, NDJSON export and refusals of bad parameters.</summary>
public sealed class AuditRouteTests : ApiTest
{
    private const int Records = 60;

    [Test]
    public async Task Pages_follow_the_next_link_without_overlap_newest_first()
    {
        var organizationId = await SeedAsync();
        var first = await Master().GetAsync($"/api/v1/organizations/{organizationId}/audit?actor=system");
        var page1 = (await JsonAsync(first)).AsArray();
        var link = first.Headers.GetValues("Link").Single();
        var next = new Uri(link[(link.IndexOf('<') + 1)..link.IndexOf('>')]);
        var second = await Master().GetAsync(next.PathAndQuery);
        var page2 = (await JsonAsync(second)).AsArray();
        var all = page1.Concat(page2).Select(r => r!["recorded_at"]!.GetValue<DateTime>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(page1, Has.Count.EqualTo(50));
            Assert.That(page2, Has.Count.EqualTo(Records - 50));
            Assert.That(next.Query, Does.Contain("actor=system").And.Contain("pagination_cursor="), "the filters travel with the cursor");
            Assert.That(second.Headers.Contains("Link"), Is.False, "the last page has no next");
            Assert.That(page1.Concat(page2).Select(r => r!["audit_record_id"]!.GetValue<Guid>()).Distinct().Count(), Is.EqualTo(Records));
            Assert.That(all, Is.Ordered.Descending);
        });
    }

    [Test]
    public async Task Filters_select_by_actor_entity_action_channel_and_time()
    {
        var organizationId = await SeedAsync();
        var all = await AuditAsync(Master(), organizationId, "?entity_type=thing");
        var middle = all[Records / 2]!["recorded_at"]!.GetValue<DateTime>();
        Assert.Multiple(async () =>
        {
            Assert.That(await AuditAsync(Master(), organizationId, "?action=update&entity_type=thing"), Has.Count.EqualTo(Records / 2));
            Assert.That(await AuditAsync(Master(), organizationId, "?entity_id=thing-7"), Has.Count.EqualTo(1));
            var byMaster = await AuditAsync(Master(), organizationId, "?actor=master_key");
            Assert.That(byMaster.Select(r => r!["entity_type"]!.GetValue<string>()), Has.Member("organization").And.No.Member("thing"), "the organization's creation, not the host's records");
            Assert.That(await AuditAsync(Master(), organizationId, "?actor=system&channel=rest"), Is.Empty);
            var since = await AuditAsync(Master(), organizationId, $"?entity_type=thing&min_recorded_at={Uri.EscapeDataString(middle.ToString("O"))}");
            Assert.That(since.Select(r => r!["recorded_at"]!.GetValue<DateTime>()), Is.All.GreaterThanOrEqualTo(middle));
            Assert.That(since, Is.Not.Empty);
            var until = await AuditAsync(Master(), organizationId, $"?entity_type=thing&max_recorded_at={Uri.EscapeDataString(middle.ToString("O"))}");
            Assert.That(until.Select(r => r!["recorded_at"]!.GetValue<DateTime>()), Is.All.LessThanOrEqualTo(middle));
            Assert.That(until, Is.Not.Empty);
            Assert.That(since.Count + until.Count, Is.GreaterThanOrEqualTo(Math.Min(Records, 50) + 1), "every record is on one side of the bound, the middle one on both");
        });
    }

    [Test]
    public async Task The_export_streams_every_matching_record_as_ndjson()
    {
        var organizationId = await SeedAsync();
        var byHeader = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/organizations/{organizationId}/audit?entity_type=thing");
        byHeader.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        var response = await Master().SendAsync(byHeader);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var byParameter = (await (await Master().GetAsync($"/api/v1/organizations/{organizationId}/audit?entity_type=thing&format=ndjson")).Content.ReadAsStringAsync())
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/x-ndjson"));
            Assert.That(lines, Has.Length.EqualTo(Records), "one page of the JSON form holds 50: the export holds them all");
            Assert.That(lines.Select(l => JsonNode.Parse(l)!["entity_type"]!.GetValue<string>()), Is.All.EqualTo("thing"));
            Assert.That(byParameter, Is.EqualTo(lines));
        });
    }

    [Test]
    public async Task Bad_parameters_are_problems()
    {
        var organizationId = await new Scenario(Master()).OrganizationAsync();
        var url = $"/api/v1/organizations/{organizationId}/audit";
        await AssertProblemAsync(await Master().GetAsync($"{url}?format=xml"), 400, "InvalidParameter");
        await AssertProblemAsync(await Master().GetAsync($"{url}?actor={new string('a', 201)}"), 400, "InvalidParameter");
        await AssertProblemAsync(await Master().GetAsync($"{url}?pagination_cursor=not-a-cursor"), 400, "InvalidParameter");
        await AssertProblemAsync(await Master().GetAsync($"{url}?min_recorded_at=yesterday"), 400, "InvalidParameter");
        await AssertProblemAsync(await Anonymous().GetAsync(url), 401, "AuthNoAuthorizationHeader");
    }

    /// <summary>An organization (one record by the master key) and 60 records written through the contract by the host itself.</summary>
    private static async Task<Guid> SeedAsync()
    {
        var organizationId = await new Scenario(Master()).OrganizationAsync();
        for (var i = 0; i < Records; i++)
        {
            await using var scope = ApiFixture.Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditTrail>()
                .RecordAloneAsync(new AuditChange(organizationId, "thing", $"thing-{i}", i % 2 == 0 ? "create" : "update"), CancellationToken.None);
        }

        return organizationId;
    }
}
