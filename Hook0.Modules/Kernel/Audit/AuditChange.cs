namespace Hook0.Modules.Kernel.Audit;

/// <summary>
/// What a use case changed, as it tells the audit log: the entity (its upstream type name and id), the action
/// (<c>create</c>, <c>update</c>, <c>delete</c>, <c>pause</c>, <c>resume</c>, <c>rotate</c>, <c>reveal</c>, …), the
/// organization the record belongs to, and optionally fields to add to the diff computed from the change tracker
/// (for changes made outside EF, or facts worth keeping such as a replay's count).
/// </summary>
public sealed record AuditChange(Guid? OrganizationId, string EntityType, object? EntityId, string Action)
{
    /// <summary>Extra diff entries, already masked by the caller when they could hold a secret.</summary>
    public IReadOnlyDictionary<string, object?>? Details { get; init; }
}
