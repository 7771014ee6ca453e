namespace Hook0.Biscuit.Authorization;

/// <summary>Facts sharing one origin. A null id stands for the authorizer.</summary>
public sealed record OriginFacts(IReadOnlyList<long?> Origin, IReadOnlyList<string> Facts);

/// <summary>Rules or checks of one block. A null block id stands for the authorizer.</summary>
public sealed record BlockStatements(long? BlockId, IReadOnlyList<string> Statements);

/// <summary>A printable snapshot of an authorizer's world, for debugging and tests; groups and their entries are sorted.</summary>
public sealed record AuthorizerWorld(
    IReadOnlyList<OriginFacts> Facts,
    IReadOnlyList<BlockStatements> Rules,
    IReadOnlyList<BlockStatements> Checks,
    IReadOnlyList<string> Policies);
