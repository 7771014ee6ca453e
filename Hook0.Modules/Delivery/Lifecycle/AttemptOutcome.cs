using Hook0.Modules.Delivery.Sending.Retrying;

namespace Hook0.Modules.Delivery.Lifecycle;

/// <summary>How a finished attempt ended: the <c>outcome</c> of its history row (<c>webhook.attempt</c>).</summary>
internal enum AttemptOutcome
{
    Succeeded,

    /// <summary>Failed; a successor attempt was queued in the same statement.</summary>
    Retried,

    /// <summary>Failed for good (a <see cref="GiveUpReason"/>): a dead letter.</summary>
    GivenUp,

    /// <summary>Never finished its try: its subscription or application went away, or its event was purged (a <see cref="CancelReason"/>).</summary>
    Cancelled,
}

/// <summary>Why pending work was dropped without a try.</summary>
internal enum CancelReason
{
    /// <summary>Its subscription was disabled (by a user, a <c>410 Gone</c> or the health monitor).</summary>
    SubscriptionDisabled,

    /// <summary>Its subscription was deleted.</summary>
    SubscriptionGone,

    /// <summary>Its application was deleted.</summary>
    ApplicationDeleted,

    /// <summary>Its event was purged by retention before it could be delivered.</summary>
    EventGone,
}

/// <summary>
/// The one place that spells the lifecycle's values as the database and the API carry them (snake_case, upstream's
/// spellings where upstream has them). SQL receives them as parameters, never as literals of its own.
/// </summary>
internal static class AttemptSpelling
{
    public static string Of(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Succeeded => "succeeded",
        AttemptOutcome.Retried => "retried",
        AttemptOutcome.GivenUp => "given_up",
        AttemptOutcome.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static string Of(GiveUpReason reason) => reason switch
    {
        GiveUpReason.Exhausted => "exhausted",
        GiveUpReason.InvalidHeader => "invalid_header",
        GiveUpReason.Gone410 => "gone_410",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    public static string Of(CancelReason reason) => reason switch
    {
        CancelReason.SubscriptionDisabled => "subscription_disabled",
        CancelReason.SubscriptionGone => "subscription_gone",
        CancelReason.ApplicationDeleted => "application_deleted",
        CancelReason.EventGone => "event_gone",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    /// <summary>The give-ups that leave a dead letter (every give-up: a cancellation is not one).</summary>
    public static IReadOnlyList<string> DeadLetterReasons { get; } = [.. Enum.GetValues<GiveUpReason>().Select(Of)];
}
