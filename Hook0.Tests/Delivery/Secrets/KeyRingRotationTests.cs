using System.Net.Http.Headers;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Delivery.Secrets;

/// <summary>
/// Rotating <c>SECRETS_ENCRYPTION_KEY</c> reaches the subscription key ring too: one start with the old key
/// listed as previous re-encrypts the ring, after which the old key is no longer needed.
/// </summary>
public sealed class KeyRingRotationTests
{
    private static readonly string NewKey = Convert.ToBase64String(Enumerable.Repeat((byte)9, 32).ToArray());

    [Test]
    public async Task After_one_start_with_the_previous_key_listed_subscription_secrets_open_with_the_new_key_alone()
    {
        var database = TestDatabase.CreateUnique("hook0_ring");
        try
        {
            Guid applicationId, subscriptionId;
            string secret;
            await using (var before = new Hook0Factory(database))
            {
                var scenario = new Scenario(Master(before));
                var tenant = await scenario.TenantAsync();
                var subscription = await scenario.SubscriptionAsync(tenant.ApplicationId, [tenant.EventType]);
                (applicationId, subscriptionId, secret) = (tenant.ApplicationId, subscription["subscription_id"]!.GetValue<Guid>(), subscription["secret"]!.GetValue<string>());
            }

            await using (var rotating = new Hook0Factory(database, new Dictionary<string, string?>
                         {
                             ["SECRETS_ENCRYPTION_KEY"] = NewKey, ["SECRETS_ENCRYPTION_PREVIOUS_KEYS"] = Hook0Factory.SecretsEncryptionKey,
                         }))
            {
                _ = rotating.Server;
            }

            await using var after = new Hook0Factory(database, new Dictionary<string, string?> { ["SECRETS_ENCRYPTION_KEY"] = NewKey });
            var response = await Master(after).GetAsync($"/api/v1/subscriptions/{subscriptionId}?application_id={applicationId}");
            var body = await response.Content.ReadAsStringAsync();

            Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
            Assert.That(System.Text.Json.Nodes.JsonNode.Parse(body)!["secret"]!.GetValue<string>(), Is.EqualTo(secret));
        }
        finally
        {
            await database.DropAsync();
        }
    }

    private static HttpClient Master(Hook0Factory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        return client;
    }
}
