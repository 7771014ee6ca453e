using Hook0.Biscuit.Datalog;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// Upstream's action-specific authorizer facts, so that an attenuation written for the upstream
/// server (e.g. <c>check if subscription_id(hex:…)</c>) means the same here. UUIDs are 16-byte strings.
/// </summary>
public static class AccessFacts
{
    public static Fact SubscriptionId(Guid id) => new("subscription_id", Uuid(id));

    public static Fact ServiceTokenId(Guid id) => new("service_token_id", Uuid(id));

    public static Fact ApplicationId(Guid id) => new("application_id", Uuid(id));

    /// <summary>The labels of a subscription being created, as a map of strings.</summary>
    public static Fact Labels(IReadOnlyDictionary<string, string> labels)
        => new("labels", MapTerm.Sorted(labels.Select(l => new KeyValuePair<Term, Term>(l.Key, l.Value))));

    /// <summary>The event types a request-attempt listing is filtered on, as a set of strings.</summary>
    public static Fact EventTypeNames(IEnumerable<string> names)
        => new("event_type_names", SetTerm.Sorted(names.Distinct(StringComparer.Ordinal).Select(n => (Term)n)));

    /// <summary>UUIDs travel in facts as their 16 bytes in RFC 4122 (big-endian) order, like upstream's.</summary>
    public static Term Uuid(Guid id) => new BytesTerm(id.ToByteArray(bigEndian: true));

    public static Guid? ToGuid(Term term)
        => term is BytesTerm { Value.Length: 16 } bytes ? new Guid(bytes.Value.Span, bigEndian: true) : null;
}
