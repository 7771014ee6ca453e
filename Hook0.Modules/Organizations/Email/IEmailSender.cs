namespace Hook0.Modules.Organizations.Email;

/// <summary>Sends the instance's e-mails: through SMTP when configured, to the server log otherwise.</summary>
internal interface IEmailSender
{
    /// <summary>Sends, or throws <see cref="EmailDeliveryException"/>; never waits longer than <c>SMTP_TIMEOUT_IN_S</c>.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends and answers whether it worked, logging a failure (without secrets) instead of throwing:
    /// registration succeeds even when mail is down, and the user asks for the e-mail again later.
    /// </summary>
    Task<bool> TrySendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
