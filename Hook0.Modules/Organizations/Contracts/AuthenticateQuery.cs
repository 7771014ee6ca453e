using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Recognizes a Biscuit this instance minted and that is still live (the same check the API's bearer
/// authentication makes), so a dashboard circuit can act as the signed-in user. Null when it is not.
/// </summary>
public sealed record AuthenticateQuery(string Bearer) : IQuery<Caller?>;
