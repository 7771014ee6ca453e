using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Mails a password-reset link (valid 30 minutes). Unlike upstream, an unknown address also answers
/// 204, so the endpoint cannot be used to find out who has an account (ADR 0009).
/// </summary>
public sealed record BeginPasswordResetCommand(string Email) : ICommand;
