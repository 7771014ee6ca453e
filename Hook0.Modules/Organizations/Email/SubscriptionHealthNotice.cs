namespace Hook0.Modules.Organizations.Email;

/// <summary>What a subscription health e-mail tells.</summary>
internal sealed record SubscriptionHealthNotice(
    Guid OrganizationId,
    string OrganizationName,
    Guid ApplicationId,
    string ApplicationName,
    Guid SubscriptionId,
    string? Description,
    string TargetUrl,
    string State,
    string Reason);
