using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Opens a session for a verified user whose password matches.</summary>
public sealed record LoginCommand(string Email, string Password) : ICommand<LoginResponse>;
