using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Delivery.Contracts;

/// <summary>
/// Sends dead letters again as fresh attempts (retry count 0, due now): one by id, or every dead letter
/// of an application (optionally one subscription, failed within a time range). A dry run — the
/// default for the bulk form — only answers how many would be retried. <c>EventTypeNames</c> (null or
/// empty for all) narrows the bulk form to the dashboard's event-type filter.
/// </summary>
public sealed record RetryDeadLettersCommand(Caller Caller, Guid ApplicationId, Guid? AttemptId, Guid? SubscriptionId, DateTime? From, DateTime? To, bool DryRun,
    IReadOnlyList<string>? EventTypeNames = null)
    : ICommand<RetryDeadLettersResult>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.SubscriptionEdit, ApplicationId: ApplicationId);
}

public sealed record RetryDeadLettersResult(int MatchingAttempts, bool DryRun, int Retried);
