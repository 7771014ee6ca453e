using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Organizations.Email;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace Hook0.Tests.Organizations.Email;

/// <summary>The documented <c>SMTP_CONNECTION_URL</c> format (upstream's lettre URLs keep their meaning).</summary>
public sealed class SmtpConnectionTests
{
    [TestCase("smtp://mail.example", "mail.example", 25, SecureSocketOptions.StartTlsWhenAvailable)]
    [TestCase("smtp://mail.example:2525?tls=opportunistic", "mail.example", 2525, SecureSocketOptions.StartTlsWhenAvailable)]
    [TestCase("smtp://mail.example?tls=required", "mail.example", 587, SecureSocketOptions.StartTls)]
    [TestCase("smtp://mail.example:25?tls=none", "mail.example", 25, SecureSocketOptions.None)]
    [TestCase("smtp://localhost?tls=false", "localhost", 25, SecureSocketOptions.None)]
    [TestCase("smtps://mail.example", "mail.example", 465, SecureSocketOptions.SslOnConnect)]
    [TestCase("smtps://mail.example:2465", "mail.example", 2465, SecureSocketOptions.SslOnConnect)]
    public void Scheme_and_tls_choose_security_and_default_port(string url, string host, int port, SecureSocketOptions security)
    {
        Assert.That(SmtpConnection.TryParse(url, out var connection, out var error), Is.True, error);
        Assert.That(connection, Is.EqualTo(new SmtpConnection(host, port, security, null, null)));
    }

    [Test]
    public void Credentials_are_percent_decoded_and_never_printed()
    {
        Assert.That(SmtpConnection.TryParse("smtp://user%40example.com:s%3Acr%40t@mail.example:587?tls=required", out var connection, out _), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(connection!.User, Is.EqualTo("user@example.com"));
            Assert.That(connection.Password, Is.EqualTo("s:cr@t"));
            Assert.That(connection.ToString(), Is.EqualTo("mail.example:587"));
        });
    }

    [TestCase("mail.example")]
    [TestCase("http://mail.example")]
    [TestCase("smtp://")]
    [TestCase("smtp://mail.example?tls=maybe")]
    public void Other_values_are_refused_at_start_up(string url)
    {
        Assert.That(SmtpConnection.TryParse(url, out _, out _), Is.False);
        var problems = SettingsValidator.Validate(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["SMTP_CONNECTION_URL"] = url }).Build());
        Assert.That(problems, Has.One.StartsWith("SMTP_CONNECTION_URL:"));
    }
}
