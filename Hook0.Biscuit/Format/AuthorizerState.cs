using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Engine;

namespace Hook0.Biscuit.Format;

/// <summary>What an authorizer snapshot holds: the loaded blocks, the authorizer's own statements and every known fact.</summary>
internal sealed record AuthorizerState(
    IReadOnlyList<TokenBlock> Blocks,
    AuthorizerContent Content,
    RunLimits Limits,
    TimeSpan ExecutionTime,
    int Iterations,
    IReadOnlyList<(Origin Origin, Fact Fact)> Facts);
