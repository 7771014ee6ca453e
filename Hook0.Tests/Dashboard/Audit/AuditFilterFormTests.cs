using Hook0.Modules.Dashboard.Audit;
using Hook0.Modules.Kernel.Audit.ListAuditRecords;

namespace Hook0.Tests.Dashboard.Audit;

/// <summary>The audit page's filters: what the form parses, and the export link that carries them.</summary>
public sealed class AuditFilterFormTests
{
    [Test]
    public void Every_filter_maps_to_the_query_with_times_in_utc()
    {
        var (filter, field, error) = new AuditFilterForm
        {
            Actor = " user ", EntityType = "subscription", EntityId = " 42 ", Action = "update", Channel = "rest", From = "2026-12-07T10:00", To = "2026-12-07T12:00+01:00",
        }.Parse();
        Assert.Multiple(() =>
        {
            Assert.That((field, error), Is.EqualTo(((string?)null, (string?)null)));
            Assert.That(filter, Is.EqualTo(new AuditFilter("user", "subscription", "42", "update", "rest",
                new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 7, 11, 0, 0, DateTimeKind.Utc))));
            Assert.That(filter!.MinRecordedAt!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
            Assert.That(new AuditFilterForm().Parse().Filter, Is.EqualTo(new AuditFilter()), "empty: everything");
            Assert.That(new AuditFilterForm { Channel = " " }.IsEmpty, Is.True);
        });
    }

    [TestCase("yesterday", "", "from")]
    [TestCase("", "12/31 noon", "to")]
    public void A_bad_time_names_its_field(string from, string to, string field)
    {
        var parsed = new AuditFilterForm { From = from, To = to }.Parse();
        Assert.Multiple(() =>
        {
            Assert.That(parsed.Filter, Is.Null);
            Assert.That(parsed.Field, Is.EqualTo(field));
            Assert.That(parsed.Error, Does.StartWith("must be a time"));
        });
    }

    [Test]
    public void A_filter_longer_than_any_stored_value_is_refused()
        => Assert.That(new AuditFilterForm { Action = new string('a', AuditFilter.MaxLength + 1) }.Parse().Filter, Is.Null);

    [Test]
    public void The_export_link_carries_the_filters_under_the_api_names()
    {
        var organizationId = Guid.NewGuid();
        var path = AuditExportDownload.Path(organizationId, new AuditFilter(Actor: "a b", Action: "update", MinRecordedAt: new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc)));
        Assert.Multiple(() =>
        {
            Assert.That(path, Does.StartWith($"/organizations/{organizationId}/audit/export?"));
            Assert.That(path, Does.Contain("actor=a%20b").And.Contain("action=update").And.Contain("min_recorded_at=2026-12-07T10%3A00%3A00.0000000Z"));
            Assert.That(path, Does.Not.Contain("entity_type"), "an empty filter is left out");
            Assert.That(AuditExportDownload.Path(organizationId, new AuditFilter()), Is.EqualTo($"/organizations/{organizationId}/audit/export"));
        });
    }
}
