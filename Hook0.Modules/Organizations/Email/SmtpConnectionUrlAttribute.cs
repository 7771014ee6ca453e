using System.ComponentModel.DataAnnotations;

namespace Hook0.Modules.Organizations.Email;

/// <summary>An <c>SMTP_CONNECTION_URL</c> that <see cref="SmtpConnection"/> can read (checked at start-up).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SmtpConnectionUrlAttribute : ValidationAttribute
{
    public SmtpConnectionUrlAttribute()
        : base("must be smtp://[user:password@]host[:port][?tls=required|opportunistic|none] or smtps://[user:password@]host[:port]")
    {
    }

    public override bool IsValid(object? value)
        => value is not string text || string.IsNullOrWhiteSpace(text) || SmtpConnection.TryParse(text, out _, out _);
}
