using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Mails a new verification link to an unverified account, at most once a minute and five times in a
/// rolling day. It always answers 204, whether or not the address exists (no account enumeration).
/// </summary>
public sealed record ResendVerificationEmailCommand(string Email) : ICommand;
