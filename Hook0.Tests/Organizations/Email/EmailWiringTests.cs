using Hook0.Modules.Organizations.Email;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Tests.Organizations.Email;

/// <summary>The host registers the e-mail services the identity endpoints use.</summary>
public sealed class EmailWiringTests
{
    [Test]
    public void The_host_without_smtp_sends_through_the_log_and_has_the_templates()
        => Assert.Multiple(() =>
        {
            Assert.That(ApiFixture.Factory.Services.GetRequiredService<IEmailSender>(), Is.InstanceOf<LogEmailSender>());
            Assert.That(ApiFixture.Factory.Services.GetRequiredService<EmailMessages>().Welcome(new EmailRecipient("a@example.com", "A", "B")).Links,
                Is.EqualTo(new[] { "http://localhost:8080/" }));
        });
}
