namespace Hook0.Modules.Delivery.Contracts;

/// <summary>The <c>target.type</c> values: upstream's <c>http</c>, and our <c>cli</c> (issue #25).</summary>
public static class SubscriptionTargetTypes
{
    public const string Http = "http";

    /// <summary>Delivered over a <c>hook0 listen</c> session's connection (ADR 0032); no URL.</summary>
    public const string Cli = "cli";
}
