using Bunit;
using Hook0.Modules.Dashboard.Common;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Hook0.Tests.Dashboard;

/// <summary>The destructive-action guard: nothing happens until the user has typed what is deleted.</summary>
public sealed class ConfirmDeleteTests
{
    [Test]
    public void Deleting_needs_the_subject_typed_before_the_final_button_works()
    {
        using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var confirmed = 0;
        var component = context.Render<ConfirmDelete>(p => p
            .Add(c => c.Subject, "Acme")
            .Add(c => c.Test, "delete-org")
            .Add(c => c.OnConfirm, () => confirmed++));

        Assert.That(component.FindAll("[data-test=delete-org-confirm]"), Is.Empty, "the final button appears only after asking");
        component.Find("[data-test=delete-org-ask]").Click();
        Assert.That(component.Find("[data-test=delete-org-confirm]").HasAttribute("disabled"), Is.True);

        component.Find("input").Input("Acm");
        Assert.That(component.Find("[data-test=delete-org-confirm]").HasAttribute("disabled"), Is.True, "a prefix is not the name");

        component.Find("input").Input("Acme");
        Assert.That(component.Find("[data-test=delete-org-confirm]").HasAttribute("disabled"), Is.False);
        component.Find("[data-test=delete-org-confirm]").Click();

        Assert.Multiple(() =>
        {
            Assert.That(confirmed, Is.EqualTo(1));
            Assert.That(component.FindAll("[data-test=delete-org-confirm]"), Is.Empty, "the question closes once answered");
        });
    }

    [Test]
    public void Without_a_subject_a_second_click_confirms()
    {
        using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        var confirmed = 0;
        var component = context.Render<ConfirmDelete>(p => p.Add(c => c.OnConfirm, () => confirmed++));

        component.Find("[data-test=delete-ask]").Click();
        component.Find("[data-test=delete-confirm]").Click();

        Assert.That(confirmed, Is.EqualTo(1));
    }
}
