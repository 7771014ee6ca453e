using Hook0.Modules.Organizations.Contracts;
using Mediator;

namespace Hook0.Modules.Organizations.RefreshSession;

/// <summary>
/// Trades a refresh token for a new token pair in the same session. A refresh token works once: its
/// row is expired in the same statement that checks it, so two concurrent refreshes cannot both win.
/// </summary>
internal sealed record RefreshSessionCommand(string? RefreshToken) : ICommand<LoginResponse>;
