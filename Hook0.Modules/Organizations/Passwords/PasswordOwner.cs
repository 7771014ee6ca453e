namespace Hook0.Modules.Organizations.Passwords;

/// <summary>What an attacker knows about the account: a password must not be built from it.</summary>
/// <param name="Email">The account's e-mail address.</param>
/// <param name="FirstName">The user's first name (empty when unknown).</param>
/// <param name="LastName">The user's last name (empty when unknown).</param>
internal sealed record PasswordOwner(string Email, string FirstName, string LastName);
