namespace Hook0.Modules.Organizations.Email;

/// <summary>
/// One e-mail, ready to send. <see cref="Links"/> are the links it carries: what the log sender writes
/// when there is no SMTP server, so that a newcomer can still verify an address or reset a password.
/// </summary>
internal sealed record EmailMessage(EmailRecipient To, string Subject, string TextBody, string HtmlBody, IReadOnlyList<string> Links);
