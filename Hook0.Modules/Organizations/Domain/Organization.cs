namespace Hook0.Modules.Organizations.Domain;

internal sealed class Organization
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public List<Membership> Members { get; } = [];
}
