using Hook0.Modules.Kernel.Notifications;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Organizations.Authentication;

/// <summary>
/// Hot-path lookups every authenticated request makes (secret → application, application → owner),
/// cached per instance and invalidated across instances by NOTIFY on the cache channel.
/// </summary>
internal sealed class OrganizationsCaches(PgNotificationHub hub, TimeProvider time)
{
    public const string SecretTopic = "secret";
    public const string ApplicationTopic = GetPayloadSearchQuery.CacheTopic;

    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    /// <summary>Keyed by the secret's lookup hash (hex), never by the secret.</summary>
    public InvalidatedCache<string, SecretOwner?> Secrets { get; } =
        new(hub, time, Ttl, SecretTopic, (string k, out string key) => { key = k; return k.Length == 64; });

    public InvalidatedCache<Guid, OwnerOrganization?> Applications { get; } =
        new(hub, time, Ttl, ApplicationTopic, (string k, out Guid g) => Guid.TryParse(k, out g));
}

internal sealed record SecretOwner(Guid ApplicationId, Guid OrganizationId);

/// <summary>Boxed so that a cached entry can be told apart from a miss.</summary>
internal sealed record OwnerOrganization(Guid OrganizationId);
