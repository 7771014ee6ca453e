namespace Hook0.Modules.Kernel.Auth;

/// <summary>Upstream's action names (<c>resource:verb</c>) and which of them a viewer may perform.</summary>
public static class Actions
{
    public const string OrganizationList = "organization:list";
    public const string OrganizationCreate = "organization:create";
    public const string OrganizationGet = "organization:get";
    public const string OrganizationEdit = "organization:edit";
    public const string OrganizationInvite = "organization:invite";
    public const string OrganizationRevoke = "organization:revoke";
    public const string OrganizationEditRole = "organization:edit_role";
    public const string OrganizationDelete = "organization:delete";
    public const string ServiceTokenList = "service_token:list";
    public const string ServiceTokenCreate = "service_token:create";
    public const string ServiceTokenGet = "service_token:get";
    public const string ServiceTokenEdit = "service_token:edit";
    public const string ServiceTokenDelete = "service_token:delete";
    public const string ApplicationList = "application:list";
    public const string ApplicationCreate = "application:create";
    public const string ApplicationGet = "application:get";
    public const string ApplicationEdit = "application:edit";
    public const string ApplicationDelete = "application:delete";
    public const string ApplicationSecretList = "application_secret:list";
    public const string ApplicationSecretCreate = "application_secret:create";
    public const string ApplicationSecretEdit = "application_secret:edit";
    public const string ApplicationSecretDelete = "application_secret:delete";
    public const string EventTypeList = "event_type:list";
    public const string EventTypeCreate = "event_type:create";
    public const string EventTypeGet = "event_type:get";
    public const string EventTypeDelete = "event_type:delete";
    public const string SubscriptionList = "subscription:list";
    public const string SubscriptionCreate = "subscription:create";
    public const string SubscriptionGet = "subscription:get";
    public const string SubscriptionEdit = "subscription:edit";
    public const string SubscriptionDelete = "subscription:delete";
    public const string EventList = "event:list";
    public const string EventGet = "event:get";
    public const string EventIngest = "event:ingest";
    public const string EventReplay = "event:replay";
    public const string RequestAttemptList = "request_attempt:list";
    public const string RequestAttemptGet = "request_attempt:get";
    public const string ResponseGet = "response:get";
    public const string EventsPerDayApplication = "events_per_day:application";
    public const string EventsPerDayOrganization = "events_per_day:organization";
    public const string AuthLogout = "auth:logout";
    public const string AuthChangePassword = "auth:change_password";

    /// <summary>Addition (ADR 0015): a user reads the invitations sent to their address.</summary>
    public const string InvitationList = "invitation:list";

    /// <summary>Addition (ADR 0015): a user accepts or declines one; nobody joins an organization without it.</summary>
    public const string InvitationAnswer = "invitation:answer";

    private static readonly string[] EditorOnly = ["editor"];
    private static readonly string[] EditorOrViewer = ["editor", "viewer"];

    /// <summary>The read actions: the only ones a viewer may perform (reference §6.3).</summary>
    public static IReadOnlySet<string> ReadActions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OrganizationList, OrganizationGet, ApplicationList, ApplicationGet, EventTypeList, EventTypeGet,
        SubscriptionList, SubscriptionGet, EventList, EventGet, RequestAttemptList, RequestAttemptGet,
        ResponseGet, EventsPerDayApplication, EventsPerDayOrganization,
    };

    /// <summary>Actions that need no organization; all but the first also need a user session (see <see cref="SessionOnly"/>).</summary>
    public static IReadOnlySet<string> WithoutOrganization { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OrganizationList, OrganizationCreate, AuthLogout, AuthChangePassword, InvitationList, InvitationAnswer,
    };

    /// <summary>Actions only a user session may perform (organization:create also the master key, ADR 0004).</summary>
    public static IReadOnlySet<string> SessionOnly { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        OrganizationCreate, AuthLogout, AuthChangePassword, InvitationList, InvitationAnswer,
    };

    /// <summary>Roles allowed to perform the action: editors always, viewers for read actions.</summary>
    public static IReadOnlyList<string> AllowedRoles(string action) => ReadActions.Contains(action) ? EditorOrViewer : EditorOnly;

    public static bool IsAllowedFor(string role, string action) => AllowedRoles(action).Contains(role);
}
