using FluentValidation;
using Hook0.Modules.Delivery.Contracts;

namespace Hook0.Modules.Delivery.ListRequestAttempts;

/// <summary>Bounds the merged read: one page costs two index scans per subscription listed.</summary>
internal sealed class ListRequestAttemptsValidator : AbstractValidator<ListRequestAttemptsQuery>
{
    public ListRequestAttemptsValidator()
        => RuleFor(q => q.SubscriptionIds)
            .Must(ids => ids is null || ids.Count <= ListRequestAttemptsQuery.MaxSubscriptionIds)
            .WithErrorCode("subscription-ids-size").WithMessage($"must list at most {ListRequestAttemptsQuery.MaxSubscriptionIds} subscriptions");
}
