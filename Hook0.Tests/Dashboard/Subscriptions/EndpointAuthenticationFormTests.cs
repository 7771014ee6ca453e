using System.Text.Json;
using Hook0.Modules.Dashboard.Subscriptions;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;

namespace Hook0.Tests.Dashboard.Subscriptions;

/// <summary>The subscription form's endpoint-authentication section: a certificate upload rotates, key material never comes back.</summary>
public sealed class EndpointAuthenticationFormTests
{
    private static SubscriptionDto Stored(IReadOnlyList<ClientCertificateDto>? certificates, string? ca) => new(
        Guid.Empty, Guid.Empty, true, ["a.b.c"], null, null, new Dictionary<string, string>(), "", "", new Dictionary<string, string> { ["k"] = "v" },
        new SubscriptionTargetDto("http", "POST", "https://receiver.example/hook", new Dictionary<string, string>()), DateTime.UtcNow, DateTime.UtcNow, [],
        false, null, null, null, "both", null, null, null, new SubscriptionHealthDto("healthy", null, null, null, []))
    {
        ClientCertificates = certificates,
        ServerCaPem = ca,
    };

    [Test]
    public void A_form_from_a_stored_subscription_holds_no_key_and_sends_no_certificate_change()
    {
        var form = SubscriptionForm.From(Stored([new ClientCertificateDto("CN=old", "AAAA", DateTime.UtcNow.AddDays(20))], "-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n"));

        var fields = form.ToEdit(new Caller(CallerKind.User), Guid.Empty, Guid.Empty).Fields;

        Assert.Multiple(() =>
        {
            Assert.That(form.ClientKeyPem, Is.Empty);
            Assert.That(form.ClientCertificatePem, Is.Empty);
            Assert.That(fields.ClientCertificates.ValueKind, Is.EqualTo(JsonValueKind.Undefined), "absent: the stored certificates stay");
            Assert.That(fields.ServerCaPem.GetString(), Does.StartWith("-----BEGIN CERTIFICATE-----"));
        });
    }

    [Test]
    public void An_uploaded_certificate_is_sent_beside_the_newest_stored_one_and_forgotten_after_saving()
    {
        var form = SubscriptionForm.From(Stored([new ClientCertificateDto("CN=old", "AAAA", DateTime.UtcNow.AddDays(20))], null));
        form.ClientCertificatePem = " CERT ";
        form.ClientKeyPem = " KEY ";

        var fields = form.ToEdit(new Caller(CallerKind.User), Guid.Empty, Guid.Empty).Fields;
        form.ForgetKeyMaterial();

        Assert.Multiple(() =>
        {
            Assert.That(fields.ClientCertificates.GetRawText(), Is.EqualTo("""[{"thumbprint":"AAAA"},{"certificate":"CERT","private_key":"KEY"}]"""));
            Assert.That(fields.ServerCaPem.ValueKind, Is.EqualTo(JsonValueKind.Null), "an empty bundle: the system's trust");
            Assert.That(form.ClientKeyPem + form.ClientCertificatePem, Is.Empty);
        });
    }
}
