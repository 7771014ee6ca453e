using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.AspNetCore.Components;

namespace Hook0.Modules.Dashboard.Applications;

/// <summary>A page about one application: loads it and the user's role in its organization.</summary>
public abstract class ApplicationPage : DashboardPage
{
    [Parameter] public Guid OrganizationId { get; set; }

    [Parameter] public Guid ApplicationId { get; set; }

    protected ApplicationInfo? Application { get; set; }

    protected bool CanEdit { get; private set; }

    protected FormErrors PageErrors { get; } = new();

    /// <summary>The application's address in the dashboard, which its pages link under.</summary>
    protected string ApplicationBase => $"/organizations/{OrganizationId}/applications/{ApplicationId}";

    protected override async Task OnParametersSetAsync()
    {
        if (!await SignedInAsync())
        {
            return;
        }

        await LoadAsync(PageErrors, async c => Application = await Api.Send(new GetApplicationQuery(c, ApplicationId)));
        if (Application is not null)
        {
            CanEdit = await RoleInAsync(Application.OrganizationId) == "editor";
            await LoadMoreAsync();
        }
    }

    protected virtual Task LoadMoreAsync() => Task.CompletedTask;
}
