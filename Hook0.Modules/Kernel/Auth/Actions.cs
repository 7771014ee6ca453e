namespace Hook0.Modules.Kernel.Auth;

/// <summary>Upstream's action names (<c>resource:verb</c>) and which of them a viewer may perform.</summary>
public static class Actions
{
    public const string OrganizationList = "organization:list";
    public const string OrganizationCreate = "organization:create";
    public const string OrganizationGet = "organization:get";
    public const string OrganizationEdit = "organization:edit";
    public const string OrganizationDelete = "organization:delete";
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

    private static readonly HashSet<string> ViewerActions =
    [
        OrganizationList, OrganizationGet, ApplicationList, ApplicationGet, EventTypeList, EventTypeGet,
        SubscriptionList, SubscriptionGet, "event:list", "event:get", "request_attempt:list", "request_attempt:get",
        "response:get", "events_per_day:application", "events_per_day:organization",
    ];

    /// <summary>Roles allowed to perform the action: editors always, viewers for read actions.</summary>
    public static bool IsAllowedFor(string role, string action)
        => role == "editor" || (role == "viewer" && ViewerActions.Contains(action));
}
