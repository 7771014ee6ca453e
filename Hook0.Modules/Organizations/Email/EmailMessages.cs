using System.Net;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.Email;

/// <summary>
/// The instance's e-mails, in plain text and simple HTML (every value HTML-encoded), with links built
/// on <c>APP_URL</c> to the dashboard pages upstream's links point at.
/// </summary>
internal sealed class EmailMessages(IOptions<ServerOptions> server, IOptions<EmailOptions> email)
{
    private string AppUrl => server.Value.AppUrl.TrimEnd('/');

    private string Product => email.Value.SenderName;

    /// <summary>The link to <c>/verify-email</c> carrying an e-mail verification token (valid 24 h).</summary>
    public EmailMessage Verification(EmailRecipient to, string token)
    {
        var link = $"{AppUrl}/verify-email?token={Uri.EscapeDataString(token)}";
        return Build(to, $"Verify your e-mail address for {Product}", link,
            "Please confirm that this is your e-mail address by opening the link below within 24 hours.",
            "Verify my e-mail address",
            $"If you did not create an account on {Product}, ignore this e-mail.");
    }

    /// <summary>The link to <c>/reset-password</c> carrying a password reset token (valid 30 min).</summary>
    public EmailMessage PasswordReset(EmailRecipient to, string token)
    {
        var link = $"{AppUrl}/reset-password?token={Uri.EscapeDataString(token)}";
        return Build(to, $"Reset your {Product} password", link,
            "Someone asked to reset the password of your account. Open the link below within 30 minutes to choose a new one.",
            "Choose a new password",
            "If it was not you, ignore this e-mail: your password stays as it is.");
    }

    /// <summary>Sent once the address is verified.</summary>
    public EmailMessage Welcome(EmailRecipient to)
        => Build(to, $"Welcome to {Product}", $"{AppUrl}/",
            $"Your e-mail address is verified and your account is ready. Create an application, declare event types and subscribe endpoints to start sending webhooks with {Product}.",
            $"Open {Product}",
            null);

    /// <summary>Tells the owner that sign-in is paused after too many wrong passwords, and how to get back in at once.</summary>
    public EmailMessage AccountLocked(EmailRecipient to, DateTimeOffset until)
        => Build(to, $"Sign-in to your {Product} account is paused", $"{AppUrl}/forgot-password",
            $"Too many wrong passwords were tried for your account, so signing in is paused until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC. "
                + "If it was you, wait or choose a new password now; choosing a new password also ends the pause.",
            "Choose a new password",
            "If it was not you, your password was not revealed; choosing a new one is still a good idea.");

    /// <summary>Invites an existing user to join an organization: the link opens their pending invitations (sign-in first).</summary>
    public EmailMessage Invitation(EmailRecipient to, string organizationName, string role)
        => Build(to, $"You are invited to join {organizationName} on {Product}", $"{AppUrl}/invitations",
            $"You are invited to join the organization \"{organizationName}\" as {role}. Nothing changes until you accept; you may also decline.",
            "See the invitation",
            "If you do not know this organization, decline the invitation or ignore this e-mail.");

    /// <summary>Invites an address without an account: register with it, then accept from the dashboard.</summary>
    public EmailMessage InvitationToRegister(EmailRecipient to, string organizationName, string role)
        => Build(to, $"You are invited to join {organizationName} on {Product}", $"{AppUrl}/register?email={Uri.EscapeDataString(to.Address)}",
            $"You are invited to join the organization \"{organizationName}\" as {role}. Create an account with this e-mail address, then accept the invitation.",
            "Create my account",
            "If you do not know this organization, ignore this e-mail.");

    /// <summary>
    /// Tells an editor that a subscription became failing, was disabled or recovered (the operational
    /// events' e-mail), linking to the subscription's page in the dashboard.
    /// </summary>
    public EmailMessage SubscriptionHealth(EmailRecipient to, SubscriptionHealthNotice notice)
    {
        var link = $"{AppUrl}/organizations/{notice.OrganizationId}/applications/{notice.ApplicationId}/subscriptions/{notice.SubscriptionId}";
        var endpoint = notice.Description is { Length: > 0 } description ? $"\"{description}\" ({notice.TargetUrl})" : notice.TargetUrl;
        var (subject, paragraph, footer) = notice.State switch
        {
            "healthy" => ($"Endpoint recovered: {notice.TargetUrl}",
                $"Deliveries to {endpoint}, in the application \"{notice.ApplicationName}\" of \"{notice.OrganizationName}\", succeed again: {notice.Reason}.",
                (string?)null),
            "disabled" => ($"Endpoint disabled: {notice.TargetUrl}",
                $"The subscription to {endpoint}, in the application \"{notice.ApplicationName}\" of \"{notice.OrganizationName}\", was disabled: {notice.Reason}.",
                "No event is delivered to it until it is enabled again; events meanwhile can be replayed."),
            _ => ($"Endpoint failing: {notice.TargetUrl}",
                $"Deliveries to {endpoint}, in the application \"{notice.ApplicationName}\" of \"{notice.OrganizationName}\", keep failing: {notice.Reason}.",
                "If it keeps failing it will be disabled automatically."),
        };
        return Build(to, $"{Product}: {subject}", link, paragraph, "Open the subscription", footer);
    }

    private static EmailMessage Build(EmailRecipient to, string subject, string link, string paragraph, string action, string? footer)
    {
        var greeting = to.DisplayName.Length > 0 ? $"Hello {to.DisplayName}," : "Hello,";
        var text = $"{greeting}\n\n{paragraph}\n\n{link}\n" + (footer is null ? string.Empty : $"\n{footer}\n");
        var html = $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{E(subject)}</title></head>
            <body style="font-family: sans-serif; line-height: 1.5;">
            <p>{E(greeting)}</p>
            <p>{E(paragraph)}</p>
            <p><a href="{E(link)}">{E(action)}</a></p>
            <p style="color: #666; font-size: small;">{E(link)}</p>
            {(footer is null ? string.Empty : $"<p style=\"color: #666;\">{E(footer)}</p>")}
            </body></html>
            """;
        return new EmailMessage(to, subject, text, html, [link]);
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
