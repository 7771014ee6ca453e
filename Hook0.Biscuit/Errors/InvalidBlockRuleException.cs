namespace Hook0.Biscuit.Errors;

/// <summary>A token block contains a rule whose head uses a variable its body does not bind.</summary>
public sealed class InvalidBlockRuleException : BiscuitException
{
    public InvalidBlockRuleException(long blockId, string rule)
        : base(BiscuitErrorKind.InvalidBlockRule, $"invalid rule in block {blockId}: {rule}")
    {
        BlockId = blockId;
        Rule = rule;
    }

    /// <summary>Block id reported for the rule (always 0, like the reference implementation).</summary>
    public long BlockId { get; }

    /// <summary>The offending rule, printed.</summary>
    public string Rule { get; }
}
