using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace Hook0.Modules.Dashboard.Portal;

/// <summary>
/// What every portal page does before showing anything (ADR 0028). A link's token arrives after <c>#</c> (never
/// sent to a server, so never in a log or a <c>Referer</c>); once the circuit runs, the page reads it, removes it from
/// the address bar and its history entry (<c>history.replaceState</c>), and exchanges it, once, for a secret the page
/// itself keeps: in the circuit's memory, which lasts while the customer moves between portal pages, and in the tab's
/// <c>sessionStorage</c> when the browser allows it, so a full page survives a reload. Not a cookie: a third-party
/// frame's cookies are blocked or partitioned, and <c>Secure</c> ones need https. Chromium blocking third-party
/// cookies denies the frame its storage too, so a framed portal lives as long as its page: the embedding site mints a
/// link each time it renders the frame (a reload with a spent link shows the "already used" page). Every load and every
/// action resumes the session on the server, so an expired, revoked or deleted one shows the ended page at the next
/// click. Until the session is open nothing is rendered.
/// </summary>
public abstract class PortalPage : ComponentBase
{
    private const string StorageKeyPrefix = "hook0.portal.";

    [Parameter] public Guid ApplicationId { get; set; }

    [Inject] protected Api Api { get; set; } = default!;

    [Inject] protected PortalOperations Portal { get; set; } = default!;

    [Inject] protected PortalSessionState State { get; set; } = default!;

    [Inject] protected IJSRuntime Js { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [Inject] protected ILogger<PortalPage> Logger { get; set; } = default!;

    protected PortalScope? Scope { get; private set; }

    protected PortalSettingsDto? Settings { get; private set; }

    /// <summary>Why nothing is shown (an invalid, used, ended or other application's link), or null.</summary>
    protected string? Refusal { get; private set; }

    protected bool Opening => Scope is null && Refusal is null;

    protected FormErrors PageErrors { get; } = new();

    protected bool Busy { get; private set; }

    protected bool CanEdit => Scope is { ReadOnly: false };

    protected string Base => $"{PortalFraming.Prefix}/{ApplicationId}";

    private string StorageKey => StorageKeyPrefix + ApplicationId;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            await OpenAsync();
            if (Scope is not null)
            {
                await LoadAsync();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException and not JSDisconnectedException)
        {
            Logger.LogError(e, "Portal page failed to open");
            Refusal ??= "This page could not be opened; try again in a moment.";
        }

        StateHasChanged();
    }

    /// <summary>The page's own data, once the session is open.</summary>
    protected virtual Task LoadAsync() => Task.CompletedTask;

    /// <summary>Runs an action on a session resumed now; a refusal lands in <paramref name="errors"/>, an ended session on the ended page.</summary>
    protected async Task<bool> RunAsync(FormErrors errors, Func<PortalScope, Task> action, params string[] shown)
    {
        errors.Clear();
        Busy = true;
        try
        {
            if (await ResumeAsync() is not { } scope)
            {
                return false;
            }

            await action(scope);
            return true;
        }
        catch (ProblemException e)
        {
            errors.Capture(e, shown);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogError(e, "Portal action failed");
            errors.Fail("Something went wrong on the server; the error was logged. Try again in a moment.");
            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task OpenAsync()
    {
        Settings = await Api.Send(new GetPortalSettingsQuery(ApplicationId));
        if (Settings is null)
        {
            Refusal = "This portal does not exist.";
            return;
        }

        var hash = await Js.GetValueAsync<string>("location.hash") ?? "";
        if (hash.StartsWith("#token=", StringComparison.Ordinal))
        {
            // Out of the address bar and the history first, whatever the exchange says.
            var here = new Uri(Navigation.Uri);
            await Js.InvokeVoidAsync("history.replaceState", null, "", here.AbsolutePath + here.Query);
            var exchange = await Api.Send(new ExchangePortalLinkCommand(ApplicationId, Uri.UnescapeDataString(hash[7..])));
            if (exchange is { Outcome: PortalLinkOutcome.Opened, Secret: { } secret })
            {
                State.Secrets[ApplicationId] = secret;
                await StorageAsync("setItem", secret);
            }
            else if (exchange.Outcome != PortalLinkOutcome.Used || !await StoredSecretAsync())
            {
                // A used link is fine in the tab that used it: an embedding page reloaded sets the same link again.
                Refusal = RefusalFor(exchange.Outcome);
                return;
            }
        }
        else
        {
            await StoredSecretAsync();
        }

        await ResumeAsync();
    }

    private async Task<bool> StoredSecretAsync()
    {
        if (!State.Secrets.ContainsKey(ApplicationId) && await StorageAsync("getItem") is { Length: > 0 } stored)
        {
            State.Secrets[ApplicationId] = stored;
        }

        return State.Secrets.ContainsKey(ApplicationId);
    }

    private async Task<PortalScope?> ResumeAsync()
    {
        Scope = State.Secrets.TryGetValue(ApplicationId, out var secret)
            ? await Api.Send(new ResumePortalSessionQuery(ApplicationId, secret))
            : null;
        if (Scope is null)
        {
            Refusal ??= State.Secrets.Remove(ApplicationId)
                ? RefusalFor(PortalLinkOutcome.Ended)
                : "Open this portal from the link you were given.";
            await StorageAsync("removeItem");
        }

        return Scope;
    }

    /// <summary>The tab's storage, or nothing where the browser denies it (a third-party frame when third-party cookies are blocked).</summary>
    private async Task<string?> StorageAsync(string operation, string? value = null)
    {
        try
        {
            return value is null
                ? await Js.InvokeAsync<string?>("sessionStorage." + operation, StorageKey)
                : await Js.InvokeAsync<string?>("sessionStorage." + operation, StorageKey, value);
        }
        catch (JSException)
        {
            return null;
        }
    }

    private static string RefusalFor(PortalLinkOutcome outcome) => outcome switch
    {
        PortalLinkOutcome.Used => "This link was already used: a link opens the portal once. Ask for a new one.",
        PortalLinkOutcome.Ended => "This portal session has ended (it expired or was revoked). Ask for a new link.",
        PortalLinkOutcome.OtherApplication => "This link is for another portal.",
        _ => "This link is not valid. Ask for a new one.",
    };
}
