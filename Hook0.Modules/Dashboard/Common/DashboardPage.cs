using Hook0.Modules.Dashboard.Sessions;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace Hook0.Modules.Dashboard.Common;

/// <summary>
/// What every signed-in page does: find the caller (or send the browser to the login page), and run
/// actions so that a refusal lands next to its field and anything unexpected becomes a short message,
/// never an exception page.
/// </summary>
public abstract class DashboardPage : ComponentBase
{
    [Inject] protected Api Api { get; set; } = default!;

    [Inject] protected UserSession Session { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] protected ISnackbar Snackbar { get; set; } = default!;

    [Inject] protected IDialogService Dialogs { get; set; } = default!;

    [Inject] protected ILogger<DashboardPage> Logger { get; set; } = default!;

    protected Caller? Caller { get; private set; }

    protected bool Busy { get; private set; }

    /// <summary>False (and a redirect to the login page) when nobody is signed in.</summary>
    protected async Task<bool> SignedInAsync(bool refresh = false)
    {
        Caller = await Session.CallerAsync(refresh);
        if (Caller is null)
        {
            var here = "/" + Navigation.ToBaseRelativePath(Navigation.Uri);
            Navigation.NavigateTo($"/login?return={Uri.EscapeDataString(here)}", forceLoad: true);
            return false;
        }

        return true;
    }

    /// <summary>The user's role in the organization ("editor", "viewer"), refreshing the token once if it does not know it yet.</summary>
    protected async Task<string?> RoleInAsync(Guid organizationId)
    {
        if (Caller?.Roles?.TryGetValue(organizationId, out var role) == true)
        {
            return role;
        }

        return await SignedInAsync(refresh: true) && Caller?.Roles?.TryGetValue(organizationId, out var fresh) == true ? fresh : null;
    }

    /// <summary>Runs an action with the current caller; returns whether it succeeded.</summary>
    protected async Task<bool> RunAsync(FormErrors errors, Func<Caller, Task> action, params string[] shown)
    {
        errors.Clear();
        Busy = true;
        try
        {
            // The session is resumed at every action (its token refreshed if it expired since the page loaded): one
            // signed out or revoked meanwhile, on any instance, sends the browser to log in instead of acting.
            if (!await SignedInAsync())
            {
                return false;
            }

            await action(Caller!);
            return true;
        }
        catch (ProblemException e)
        {
            errors.Capture(e, shown);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Dashboard action failed");
            errors.Fail("Something went wrong on the server; the error was logged. Try again in a moment.");
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>
    /// An irreversible or disruptive action asks first, saying what it will do; false when the user cancels.
    /// (Deleting whole applications and organizations asks harder: <see cref="ConfirmDelete"/> has the name typed.)
    /// </summary>
    protected async Task<bool> ConfirmAsync(string title, string consequence, string action)
        => await Dialogs.ShowMessageBoxAsync(title, consequence, yesText: action, cancelText: "Cancel") == true;

    /// <summary>Loads data for display; a failure becomes the page's message instead of an exception page.</summary>
    protected Task<bool> LoadAsync(FormErrors errors, Func<Caller, Task> load) => RunAsync(errors, load);
}
