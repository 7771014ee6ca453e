namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// Upstream's action names (<c>resource:verb</c>) and which of them a viewer may perform. The only place an
/// <see cref="ActionName"/> is made: a message declares its action as one of these fields, never as a string.
/// </summary>
public static class Actions
{
    public static readonly ActionName OrganizationList = new("organization:list");
    public static readonly ActionName OrganizationCreate = new("organization:create");
    public static readonly ActionName OrganizationGet = new("organization:get");
    public static readonly ActionName OrganizationEdit = new("organization:edit");
    public static readonly ActionName OrganizationInvite = new("organization:invite");
    public static readonly ActionName OrganizationRevoke = new("organization:revoke");
    public static readonly ActionName OrganizationEditRole = new("organization:edit_role");
    public static readonly ActionName OrganizationDelete = new("organization:delete");
    public static readonly ActionName ServiceTokenList = new("service_token:list");
    public static readonly ActionName ServiceTokenCreate = new("service_token:create");
    public static readonly ActionName ServiceTokenGet = new("service_token:get");
    public static readonly ActionName ServiceTokenEdit = new("service_token:edit");
    public static readonly ActionName ServiceTokenDelete = new("service_token:delete");
    public static readonly ActionName ApplicationList = new("application:list");
    public static readonly ActionName ApplicationCreate = new("application:create");
    public static readonly ActionName ApplicationGet = new("application:get");
    public static readonly ActionName ApplicationEdit = new("application:edit");
    public static readonly ActionName ApplicationDelete = new("application:delete");
    public static readonly ActionName ApplicationSecretList = new("application_secret:list");
    public static readonly ActionName ApplicationSecretCreate = new("application_secret:create");
    public static readonly ActionName ApplicationSecretEdit = new("application_secret:edit");
    public static readonly ActionName ApplicationSecretDelete = new("application_secret:delete");
    public static readonly ActionName EventTypeList = new("event_type:list");
    public static readonly ActionName EventTypeCreate = new("event_type:create");
    public static readonly ActionName EventTypeGet = new("event_type:get");
    public static readonly ActionName EventTypeDelete = new("event_type:delete");
    public static readonly ActionName SubscriptionList = new("subscription:list");
    public static readonly ActionName SubscriptionCreate = new("subscription:create");
    public static readonly ActionName SubscriptionGet = new("subscription:get");
    public static readonly ActionName SubscriptionEdit = new("subscription:edit");
    public static readonly ActionName SubscriptionDelete = new("subscription:delete");
    public static readonly ActionName EventList = new("event:list");
    public static readonly ActionName EventGet = new("event:get");
    public static readonly ActionName EventIngest = new("event:ingest");
    public static readonly ActionName EventReplay = new("event:replay");
    public static readonly ActionName RequestAttemptList = new("request_attempt:list");
    public static readonly ActionName RequestAttemptGet = new("request_attempt:get");
    public static readonly ActionName ResponseGet = new("response:get");
    public static readonly ActionName EventsPerDayApplication = new("events_per_day:application");
    public static readonly ActionName EventsPerDayOrganization = new("events_per_day:organization");
    public static readonly ActionName AuthLogout = new("auth:logout");
    public static readonly ActionName AuthChangePassword = new("auth:change_password");

    /// <summary>Addition (ADR 0015): a user reads the invitations sent to their address.</summary>
    public static readonly ActionName InvitationList = new("invitation:list");

    /// <summary>Addition (ADR 0015): a user accepts or declines one; nobody joins an organization without it.</summary>
    public static readonly ActionName InvitationAnswer = new("invitation:answer");

    /// <summary>Addition (ADR 0028): mint a customer-portal link for one application (editors only).</summary>
    public static readonly ActionName PortalSessionCreate = new("portal_session:create");

    /// <summary>Addition (ADR 0028): end a customer-portal session before it expires (editors only).</summary>
    public static readonly ActionName PortalSessionDelete = new("portal_session:delete");

    /// <summary>Addition (issue #28): read an organization's audit log (editors only).</summary>
    public static readonly ActionName AuditList = new("audit:list");

    private static readonly string[] EditorOnly = ["editor"];
    private static readonly string[] EditorOrViewer = ["editor", "viewer"];

    /// <summary>The read actions: the only ones a viewer may perform (reference §6.3).</summary>
    public static IReadOnlySet<ActionName> ReadActions { get; } = new HashSet<ActionName>
    {
        OrganizationList, OrganizationGet, ApplicationList, ApplicationGet, EventTypeList, EventTypeGet,
        SubscriptionList, SubscriptionGet, EventList, EventGet, RequestAttemptList, RequestAttemptGet,
        ResponseGet, EventsPerDayApplication, EventsPerDayOrganization,
    };

    /// <summary>Actions that need no organization; all but the first also need a user session (see <see cref="SessionOnly"/>).</summary>
    public static IReadOnlySet<ActionName> WithoutOrganization { get; } = new HashSet<ActionName>
    {
        OrganizationList, OrganizationCreate, AuthLogout, AuthChangePassword, InvitationList, InvitationAnswer,
    };

    /// <summary>Actions only a user session may perform (organization:create also the master key, ADR 0004).</summary>
    public static IReadOnlySet<ActionName> SessionOnly { get; } = new HashSet<ActionName>
    {
        OrganizationCreate, AuthLogout, AuthChangePassword, InvitationList, InvitationAnswer,
    };

    /// <summary>Roles allowed to perform the action: editors always, viewers for read actions.</summary>
    public static IReadOnlyList<string> AllowedRoles(ActionName action) => ReadActions.Contains(action) ? EditorOrViewer : EditorOnly;

    public static bool IsAllowedFor(string role, ActionName action) => AllowedRoles(action).Contains(role);
}
