using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Hook0.Modules.Organizations.Email;

/// <summary>
/// Sends through the SMTP server of <c>SMTP_CONNECTION_URL</c> with MailKit: one connection per message
/// (mail is rare: registrations, resets, invitations), the whole exchange bounded by <c>SMTP_TIMEOUT_IN_S</c>.
/// </summary>
internal sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    private readonly SmtpConnection _connection = SmtpConnection.TryParse(options.Value.SmtpConnectionUrl, out var connection, out var error)
        ? connection
        : throw new InvalidOperationException($"SMTP_CONNECTION_URL {error}.");

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var timeout = TimeSpan.FromSeconds(options.Value.SmtpTimeoutInSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var mime = ToMime(message);
            using var client = new SmtpClient { Timeout = (int)timeout.TotalMilliseconds };
            await client.ConnectAsync(_connection.Host, _connection.Port, _connection.Security, deadline.Token);
            if (_connection.User is not null)
            {
                await client.AuthenticateAsync(_connection.User, _connection.Password ?? string.Empty, deadline.Token);
            }

            await client.SendAsync(mime, deadline.Token);
            await client.DisconnectAsync(true, deadline.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmailDeliveryException($"The SMTP server {_connection} did not take the message within {timeout.TotalSeconds:0} s.", e);
        }
        catch (Exception e) when (e is not OperationCanceledException and not EmailDeliveryException)
        {
            // MailKit's messages name the server's answer or the socket error, never the credentials.
            throw new EmailDeliveryException($"The SMTP server {_connection} did not take the message: {e.Message}", e);
        }
    }

    public async Task<bool> TrySendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendAsync(message, cancellationToken);
            return true;
        }
        catch (EmailDeliveryException e)
        {
            LogFailed(logger, message.Subject, e.Message);
            return false;
        }
    }

    private MimeMessage ToMime(EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.Value.SenderName, options.Value.SenderAddress));
        mime.To.Add(new MailboxAddress(message.To.DisplayName, message.To.Address));
        mime.Subject = message.Subject;
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail '{Subject}' was not sent: {Reason}")]
    private static partial void LogFailed(ILogger logger, string subject, string reason);
}
