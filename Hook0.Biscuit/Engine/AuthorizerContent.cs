using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Engine;

/// <summary>What the authorizer itself contributes: a block (facts, rules, checks, scope) and policies.</summary>
internal sealed record AuthorizerContent(Block Block, IReadOnlyList<Policy> Policies);
