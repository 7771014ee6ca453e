using System.Collections.Immutable;
using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Parser;

/// <summary>Statements read from block or authorizer source text.</summary>
public sealed record ParsedCode(
    ImmutableArray<Scope> Scopes,
    ImmutableArray<Fact> Facts,
    ImmutableArray<Rule> Rules,
    ImmutableArray<Check> Checks,
    ImmutableArray<Policy> Policies);
