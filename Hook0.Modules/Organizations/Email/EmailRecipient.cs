namespace Hook0.Modules.Organizations.Email;

/// <summary>Who an e-mail is for.</summary>
internal sealed record EmailRecipient(string Address, string FirstName, string LastName)
{
    public string DisplayName => $"{FirstName} {LastName}".Trim();
}
