using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Organizations.Email;
using Hook0.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hook0.Tests.Organizations.Email;

/// <summary>The MailKit sender against a real SMTP server on loopback, and the log sender used without one.</summary>
public sealed class EmailSenderTests
{
    private static readonly EmailRecipient Jordan = new("jordan@example.com", "Jordan", "Rivera");

    private static EmailMessages Messages(string appUrl = "https://hooks.example")
        => new(Options.Create(new ServerOptions { AppUrl = appUrl }), Options.Create(new EmailOptions()));

    private static (SmtpEmailSender Sender, ListLoggerProvider Logs) Smtp(string url, int timeoutSeconds = 5)
    {
        var logs = new ListLoggerProvider();
        var options = new EmailOptions
        {
            SmtpConnectionUrl = url, SmtpTimeoutInSeconds = timeoutSeconds, SenderAddress = "no-reply@hooks.example", SenderName = "Hook0 Test",
        };
        return (new SmtpEmailSender(Options.Create(options), new LoggerFactory([logs]).CreateLogger<SmtpEmailSender>()), logs);
    }

    [Test]
    public async Task The_smtp_sender_delivers_a_verification_email()
    {
        await using var server = CapturingSmtpServer.Start();
        var (sender, _) = Smtp($"smtp://127.0.0.1:{server.Port}");

        await sender.SendAsync(Messages().Verification(Jordan, "tok.en-_42"));

        var message = server.Messages.Single();
        Assert.Multiple(() =>
        {
            Assert.That(message.From.Mailboxes.Single().Address, Is.EqualTo("no-reply@hooks.example"));
            Assert.That(message.From.Mailboxes.Single().Name, Is.EqualTo("Hook0 Test"));
            Assert.That(message.To.Mailboxes.Single().Address, Is.EqualTo("jordan@example.com"));
            Assert.That(message.To.Mailboxes.Single().Name, Is.EqualTo("Jordan Rivera"));
            Assert.That(message.Subject, Does.StartWith("Verify your e-mail address"));
            Assert.That(message.TextBody, Does.Contain("https://hooks.example/verify-email?token=tok.en-_42"));
            Assert.That(message.HtmlBody, Does.Contain("href=\"https://hooks.example/verify-email?token=tok.en-_42\""));
            Assert.That(message.Body!.ContentType.MimeType, Is.EqualTo("multipart/alternative"));
        });
    }

    [Test]
    public async Task Credentials_of_the_url_are_used_percent_decoded()
    {
        await using var server = CapturingSmtpServer.Start(("mailer@hooks.example", "p@ss:w/rd"));
        var (sender, _) = Smtp($"smtp://mailer%40hooks.example:p%40ss%3Aw%2Frd@127.0.0.1:{server.Port}?tls=none");

        Assert.That(await sender.TrySendAsync(Messages().PasswordReset(Jordan, "reset-token")), Is.True);

        Assert.Multiple(() =>
        {
            Assert.That(server.Logins.Single(), Is.EqualTo(("mailer@hooks.example", "p@ss:w/rd")));
            Assert.That(server.Messages.Single().TextBody, Does.Contain("https://hooks.example/reset-password?token=reset-token"));
        });
    }

    [Test]
    public async Task Refused_credentials_fail_without_naming_the_password()
    {
        await using var server = CapturingSmtpServer.Start(("mailer", "right-password"));
        var (sender, logs) = Smtp($"smtp://mailer:hunter2-secret@127.0.0.1:{server.Port}?tls=none");

        var exception = Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(Messages().Welcome(Jordan)));
        Assert.That(await sender.TrySendAsync(Messages().Welcome(Jordan)), Is.False);

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Does.Contain($"127.0.0.1:{server.Port}").And.Not.Contain("hunter2"));
            Assert.That(logs.Lines, Has.One.Matches<(LogLevel Level, string Category, string Message)>(l => l.Level == LogLevel.Warning));
            Assert.That(logs.Lines.Select(l => l.Message), Has.None.Contains("hunter2"));
            Assert.That(server.Messages, Is.Empty);
        });
    }

    [Test]
    public async Task An_unreachable_server_answers_false_without_throwing()
    {
        var closedPort = CapturingSmtpServer.FreePort();
        var (sender, logs) = Smtp($"smtp://127.0.0.1:{closedPort}");

        Assert.That(await sender.TrySendAsync(Messages().Verification(Jordan, "t")), Is.False);
        Assert.That(logs.Lines.Single().Message, Does.Contain($"127.0.0.1:{closedPort}"));
    }

    [Test]
    public async Task A_server_that_never_answers_is_given_up_after_the_timeout()
    {
        // Accepts the connection and never sends the SMTP greeting.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepting = silent.AcceptTcpClientAsync();
        var (sender, _) = Smtp($"smtp://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", timeoutSeconds: 1);

        var started = Stopwatch.GetTimestamp();
        var sent = await sender.TrySendAsync(Messages().Verification(Jordan, "t"));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Multiple(() =>
        {
            Assert.That(sent, Is.False);
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(4)));
        });
        (await accepting).Dispose();
    }

    [Test]
    public async Task The_log_sender_writes_the_link_and_nothing_else_of_the_message()
    {
        var logs = new ListLoggerProvider();
        var sender = new LogEmailSender(new LoggerFactory([logs]).CreateLogger<LogEmailSender>());

        Assert.That(await sender.TrySendAsync(Messages().PasswordReset(Jordan, "reset-123")), Is.True);

        var line = logs.Lines.Single();
        Assert.Multiple(() =>
        {
            Assert.That(line.Level, Is.EqualTo(LogLevel.Information));
            Assert.That(line.Message, Does.Contain("https://hooks.example/reset-password?token=reset-123"));
            Assert.That(line.Message, Does.Contain("jordan@example.com"));
            Assert.That(line.Message, Does.Not.Contain("Someone asked"));
        });
    }

    [Test]
    public void Without_an_smtp_url_the_log_sender_is_chosen()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Resolve(new() { ["SMTP_CONNECTION_URL"] = null }), Is.InstanceOf<LogEmailSender>());
            Assert.That(Resolve(new() { ["SMTP_CONNECTION_URL"] = "" }), Is.InstanceOf<LogEmailSender>());
            Assert.That(Resolve(new() { ["SMTP_CONNECTION_URL"] = "smtps://u:p@mail.example" }), Is.InstanceOf<SmtpEmailSender>());
        });

        static IEmailSender Resolve(Dictionary<string, string?> settings)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            using var provider = new ServiceCollection().AddLogging().AddHook0Email(configuration).BuildServiceProvider();
            return provider.GetRequiredService<IEmailSender>();
        }
    }

    [Test]
    public void Templates_encode_values_in_html_and_escape_tokens_in_links()
    {
        var messages = Messages("https://hooks.example/");
        var invitation = messages.Invitation(new EmailRecipient("a@example.com", "<b>Ann</b>", "O'Hara & co"), "Acme <script>", "editor");
        var verification = messages.Verification(Jordan, "a+b/c=");

        Assert.Multiple(() =>
        {
            Assert.That(invitation.HtmlBody, Does.Contain("&lt;b&gt;Ann&lt;/b&gt;").And.Contain("Acme &lt;script&gt;").And.Not.Contain("<script>"));
            Assert.That(invitation.TextBody, Does.Contain("Acme <script>").And.Contain("editor"));
            Assert.That(invitation.Links, Is.EqualTo(new[] { "https://hooks.example/invitations" }));
            Assert.That(verification.Links, Is.EqualTo(new[] { "https://hooks.example/verify-email?token=a%2Bb%2Fc%3D" }));
            Assert.That(messages.Welcome(Jordan).Subject, Is.EqualTo("Welcome to Hook0"));
        });
    }
}
