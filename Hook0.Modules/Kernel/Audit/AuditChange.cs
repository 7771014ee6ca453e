namespace Hook0.Modules.Kernel.Audit;

/// <summary>
/// What a use case changed, as it tells the audit log: the entity (its upstream type name and id), the action
/// (<c>create</c>, <c>update</c>, <c>delete</c>, <c>pause</c>, <c>resume</c>, <c>rotate</c>, <c>reveal</c>, …), the
/// organization the record belongs to, and optionally fields to add to the diff computed from the change tracker
/// (for changes made outside EF, or facts worth keeping such as a replay's count).
/// </summary>
public sealed record AuditChange(Guid? OrganizationId, string EntityType, object? EntityId, string Action)
{
    /// <summary>The application acted on: when <see cref="OrganizationId"/> is not known to the module, its organization is looked up.</summary>
    public Guid? ApplicationId { get; init; }

    /// <summary>
    /// The caller, for a handler that authorizes by itself (its message is not an <c>IAuthorizedRequest</c>, so the
    /// pipeline did not hand the caller over); otherwise the scope's authorized caller is the actor.
    /// </summary>
    public Kernel.Auth.Caller? Caller { get; init; }

    /// <summary>Extra diff entries, already masked by the caller when they could hold a secret.</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; init; }
}
