using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>The instance's Biscuit root public key as <c>ed25519/&lt;hex&gt;</c> (what attenuating a token offline needs).</summary>
public sealed record GetRootPublicKeyQuery : IQuery<string>;
