using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Creates an account and its personal organization (the user as its editor), then mails the verification link.</summary>
public sealed record RegisterCommand(string FirstName, string LastName, string Email, string Password) : ICommand<Registration>;
