namespace Hook0.Biscuit.Authorization;

/// <summary>A check that did not pass.</summary>
/// <param name="BlockId">Token block the check belongs to, or null for an authorizer check.</param>
/// <param name="CheckId">Position of the check within its block (or within the authorizer).</param>
/// <param name="Rule">The check, printed.</param>
public sealed record FailedCheck(long? BlockId, int CheckId, string Rule)
{
    public bool IsAuthorizerCheck => BlockId is null;

    public override string ToString() =>
        BlockId is null ? $"authorizer check {CheckId}: {Rule}" : $"block {BlockId} check {CheckId}: {Rule}";
}
