using Hook0.Modules.Delivery.Domain;

namespace Hook0.Modules.Delivery.DeadLetters;

internal static class DeadLetterFilter
{
    private static readonly string[] DeadReasons = ["exhausted", "invalid_header", "gone_410"];

    public static IQueryable<RequestAttempt> Apply(IQueryable<RequestAttempt> attempts, Guid applicationId, Guid? subscriptionId, DateTime? from, DateTime? to,
        IReadOnlyList<string>? eventTypeNames = null)
    {
        var letters = attempts.Where(a => a.ApplicationId == applicationId && a.FailedAt != null && a.RetriedAt == null
                                          && a.GiveUpReason != null && DeadReasons.Contains(a.GiveUpReason));
        if (subscriptionId is { } subscription)
        {
            letters = letters.Where(a => a.SubscriptionId == subscription);
        }

        if (eventTypeNames is { Count: > 0 } names)
        {
            letters = letters.Where(a => names.Contains(a.EventTypeName));
        }

        if (from is { } f)
        {
            letters = letters.Where(a => a.FailedAt >= f);
        }

        if (to is { } t)
        {
            letters = letters.Where(a => a.FailedAt < t);
        }

        return letters;
    }
}
