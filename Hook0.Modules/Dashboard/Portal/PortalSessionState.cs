namespace Hook0.Modules.Dashboard.Portal;

/// <summary>
/// The page's portal secret for this circuit (one per browser tab): moving between portal pages keeps the circuit, so
/// only a reload reads it back from the tab's <c>sessionStorage</c>. Only the secret is kept; the scope is resumed from
/// the server at every load and action, so an ended session stops at the next click.
/// </summary>
public sealed class PortalSessionState
{
    public Dictionary<Guid, string> Secrets { get; } = [];
}
