using Microsoft.Extensions.Logging;

namespace Hook0.Modules.Organizations.Email;

/// <summary>
/// Without <c>SMTP_CONNECTION_URL</c>: writes each e-mail's links to the server log, so a newcomer without
/// a mail server can still verify an address or reset a password. This is the one place such a link may
/// appear in a log; the body (and anything else) is not written.
/// </summary>
internal sealed partial class LogEmailSender(ILogger<LogEmailSender> logger) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Links.Count == 0)
        {
            LogWithoutLink(logger, message.Subject, message.To.Address);
        }

        foreach (var link in message.Links)
        {
            LogLink(logger, message.Subject, message.To.Address, link);
        }

        return Task.CompletedTask;
    }

    public async Task<bool> TrySendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        await SendAsync(message, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail '{Subject}' for {Recipient} not sent (SMTP_CONNECTION_URL is not set); its link: {Link}")]
    private static partial void LogLink(ILogger logger, string subject, string recipient, string link);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail '{Subject}' for {Recipient} not sent (SMTP_CONNECTION_URL is not set)")]
    private static partial void LogWithoutLink(ILogger logger, string subject, string recipient);
}
