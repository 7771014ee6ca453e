using Hook0.Modules.Delivery.Sending.Signing;

namespace Hook0.Tests.Delivery;

public sealed class DeliveryHeadersTests
{
    private static readonly Guid EventId = Guid.Parse("1a01cb48-5142-4d9b-8f90-d20cca61f0ee");

    [Test]
    public void The_worker_headers_replace_custom_ones_of_the_same_name_whatever_their_case()
    {
        KeyValuePair<string, string>[] custom = [new("X-Event-Id", "spoofed"), new("Content-Type", "text/plain"), new("X-Tenant", "acme")];

        var headers = DeliveryHeaders.Compose(custom, "application/json", EventId, "user.created");

        Assert.That(headers, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["x-tenant"] = "acme",
            ["content-type"] = "application/json",
            ["x-event-id"] = "1a01cb48-5142-4d9b-8f90-d20cca61f0ee",
            ["x-event-type"] = "user.created",
        }));
    }

    [Test]
    public void Without_custom_headers_the_signature_covers_the_three_worker_headers()
    {
        var headers = DeliveryHeaders.Compose([], "application/json", EventId, "user.created");

        var result = Hook0Signer.Sign("secret", DateTimeOffset.UnixEpoch, headers, [], SignatureVersions.V1);

        Assert.That(result.HeaderValue, Does.StartWith("t=0,h=content-type x-event-id x-event-type,v1="));
    }
}
