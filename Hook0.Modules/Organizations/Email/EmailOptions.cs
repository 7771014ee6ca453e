using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Organizations.Email;

/// <summary>E-mail settings, under upstream's environment variable names (plus <c>AUTO_VERIFY_USERS</c>).</summary>
public sealed class EmailOptions
{
    /// <summary>
    /// Unset: e-mails are not sent and their links are written to the server log instead. Format in
    /// <see cref="SmtpConnection"/>: <c>smtp://user:password@host:587?tls=required</c>, <c>smtps://…</c>.
    /// </summary>
    [Setting("E-mail", "SMTP server: smtp://[user:password@]host[:port][?tls=required|opportunistic|none] or smtps://… (implicit TLS); unset writes e-mail links to the server log", Sensitive = true)]
    [ConfigurationKeyName("SMTP_CONNECTION_URL")]
    [SmtpConnectionUrl]
    public string? SmtpConnectionUrl { get; set; }

    /// <summary>Bounds the whole exchange (connect, authenticate, send), so a request never waits longer on mail.</summary>
    [Setting("E-mail", "Longest wait for the SMTP server to take one message, in seconds")]
    [ConfigurationKeyName("SMTP_TIMEOUT_IN_S")]
    [Range(1, 600)]
    public int SmtpTimeoutInSeconds { get; set; } = 5;

    [Setting("E-mail", "Address e-mails are sent from")]
    [ConfigurationKeyName("EMAIL_SENDER_ADDRESS")]
    [EmailAddress]
    public string SenderAddress { get; set; } = "no-reply@hook0.local";

    [Setting("E-mail", "Name e-mails are sent from")]
    [ConfigurationKeyName("EMAIL_SENDER_NAME")]
    public string SenderName { get; set; } = "Hook0";

    /// <summary>
    /// Ours: for an instance without SMTP (the quick-start), new users are verified at registration so
    /// they can log in at once. Off by default: an instance open to the public wants proof of the address.
    /// </summary>
    [Setting("E-mail", "Treat new users as verified at registration (no verification e-mail needed)")]
    [ConfigurationKeyName("AUTO_VERIFY_USERS")]
    public bool AutoVerifyUsers { get; set; }
}
