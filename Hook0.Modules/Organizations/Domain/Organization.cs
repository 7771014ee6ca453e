namespace Hook0.Modules.Organizations.Domain;

internal sealed class Organization
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }

    /// <summary>The quota plan the organization is on; none means the global limits.</summary>
    public Guid? PlanId { get; set; }
    public Plan? Plan { get; set; }
    public List<Membership> Members { get; } = [];
}
