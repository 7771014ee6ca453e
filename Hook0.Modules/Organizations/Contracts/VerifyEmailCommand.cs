using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>Follows a verification link: marks the address verified (once) and logs the user in.</summary>
public sealed record VerifyEmailCommand(string Token) : ICommand<LoginResponse>;
