using Bunit;
using Hook0.Modules.Dashboard.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Hook0.Tests.Dashboard;

public sealed class KeyValueEditorTests
{
    [Test]
    public void Rows_are_added_edited_and_removed_and_a_viewer_gets_no_controls()
    {
        using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var rows = new List<KeyValueRow> { new() { Key = "tenant", Value = "acme" } };
        var editor = context.Render<KeyValueEditor>(p => p.Add(c => c.Rows, rows).Add(c => c.KeyLabel, "Label").Add(c => c.Test, "label"));

        editor.Find("[data-test=label-add]").Click();
        Assert.That(rows, Has.Count.EqualTo(2));
        editor.FindAll("input[data-test=label-key]")[1].Change("env");
        Assert.That(rows[1].Key, Is.EqualTo("env"));

        editor.Find("button[aria-label='Remove label']").Click();
        Assert.That(rows.Select(r => r.Key), Is.EqualTo(new[] { "env" }));

        var readOnly = context.Render<KeyValueEditor>(p => p.Add(c => c.Rows, rows).Add(c => c.KeyLabel, "Label").Add(c => c.ReadOnly, true).Add(c => c.Test, "label"));
        Assert.Multiple(() =>
        {
            Assert.That(readOnly.FindAll("[data-test=label-add]"), Is.Empty);
            Assert.That(readOnly.FindAll("button[aria-label='Remove label']"), Is.Empty);
        });
    }
}
