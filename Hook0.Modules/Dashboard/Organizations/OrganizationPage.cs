using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.AspNetCore.Components;

namespace Hook0.Modules.Dashboard.Organizations;

/// <summary>A page about one organization: loads it and the user's role there (editors get the edit controls).</summary>
public abstract class OrganizationPage : DashboardPage
{
    [Parameter] public Guid OrganizationId { get; set; }

    protected OrganizationInfo? Organization { get; set; }

    protected bool CanEdit { get; private set; }

    protected FormErrors PageErrors { get; } = new();

    protected override async Task OnParametersSetAsync()
    {
        if (!await SignedInAsync())
        {
            return;
        }

        CanEdit = await RoleInAsync(OrganizationId) == "editor";
        await LoadAsync(PageErrors, async c => Organization = await Api.Send(new GetOrganizationQuery(c, OrganizationId)));
        if (Organization is not null)
        {
            await LoadMoreAsync();
        }
    }

    protected virtual Task LoadMoreAsync() => Task.CompletedTask;
}
