using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Follows a reset link. A link works once: a password change after the link was minted voids it
/// (upstream's links stay usable for their whole 30 minutes).
/// </summary>
public sealed record ResetPasswordCommand(string Token, string NewPassword) : ICommand;
