using Hook0.Modules.Dashboard.Common;
using Hook0.Modules.Dashboard.Subscriptions;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Validation;
using Hook0.Modules.Organizations.Contracts;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Dashboard.Portal;

/// <summary>
/// Everything a portal page reads or does, through Delivery's and Ingestion's contracts with the portal session's
/// caller (so the Datalog authorizer runs the token's checks on each), and the label scope applied here, on the
/// server: a subscription is in scope when its labels contain every label of the scope; anything outside is
/// answered as not found, by list and by id alike; what the portal creates carries exactly the scope's labels.
/// </summary>
public sealed class PortalOperations(Api api, IOptions<PortalOptions> options, TimeProvider time)
{
    public static bool InScope(IReadOnlyDictionary<string, string> labels, PortalScope scope)
        => scope.Labels.All(l => labels.TryGetValue(l.Key, out var value) && value == l.Value);

    public async Task<IReadOnlyList<SubscriptionDto>> EndpointsAsync(PortalScope scope, CancellationToken cancellationToken = default)
        => [.. (await api.Send(new ListSubscriptionsQuery(scope.Caller, scope.ApplicationId), cancellationToken)).Where(s => InScope(s.Labels, scope))];

    /// <summary>One endpoint of the scope; any other id (another scope's, another application's, none) is not found.</summary>
    public async Task<SubscriptionDto> EndpointAsync(PortalScope scope, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        SubscriptionDto subscription;
        try
        {
            subscription = await api.Send(new GetSubscriptionQuery(scope.Caller, subscriptionId), cancellationToken);
        }
        catch (ProblemException e) when (e.Problem == Problems.Forbidden)
        {
            // Another application's subscription: refused by the token's application check, shown as absent.
            throw Problems.NotFound.ToException();
        }

        return subscription.ApplicationId == scope.ApplicationId && InScope(subscription.Labels, scope)
            ? subscription
            : throw Problems.NotFound.ToException();
    }

    public async Task<SubscriptionDto> CreateEndpointAsync(PortalScope scope, SubscriptionForm form, CancellationToken cancellationToken = default)
    {
        RefuseReadOnly(scope);
        // Delivery counts the scope's endpoints under the application's quota lock, in the creating transaction, so two
        // creations at the cap's edge cannot both pass.
        var command = form.ToCreate(scope.Caller, scope.ApplicationId);
        return await api.Send(command with { Fields = Scoped(command.Fields, scope), MaxInLabelScope = options.Value.MaxEndpointsPerScope }, cancellationToken);
    }

    /// <summary>
    /// What the portal's form shows replaces those fields; what it does not show (retry policy, limits, workers,
    /// metadata) keeps the stored value; the labels are the scope's whatever the form says.
    /// </summary>
    public async Task<SubscriptionDto> EditEndpointAsync(PortalScope scope, Guid subscriptionId, SubscriptionForm form, CancellationToken cancellationToken = default)
    {
        RefuseReadOnly(scope);
        var current = SubscriptionForm.From(await EndpointAsync(scope, subscriptionId, cancellationToken));
        current.Description = form.Description;
        current.Url = form.Url;
        current.Method = form.Method;
        current.EventTypes = form.EventTypes;
        current.Patterns = "";
        var command = current.ToEdit(scope.Caller, subscriptionId, scope.ApplicationId);
        return await api.Send(command with { Fields = Scoped(command.Fields, scope) }, cancellationToken);
    }

    public async Task<SubscriptionDto> SetPausedAsync(PortalScope scope, Guid subscriptionId, bool paused, CancellationToken cancellationToken = default)
    {
        RefuseReadOnly(scope);
        await EndpointAsync(scope, subscriptionId, cancellationToken);
        return await api.Send(new SetSubscriptionPausedCommand(scope.Caller, scope.ApplicationId, subscriptionId, paused), cancellationToken);
    }

    public async Task DeleteEndpointAsync(PortalScope scope, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        RefuseReadOnly(scope);
        await EndpointAsync(scope, subscriptionId, cancellationToken);
        await api.Send(new DeleteSubscriptionCommand(scope.Caller, subscriptionId, scope.ApplicationId), cancellationToken);
    }

    public async Task<SubscriptionDto> RotateSecretAsync(PortalScope scope, Guid subscriptionId, CancellationToken cancellationToken = default)
    {
        RefuseReadOnly(scope);
        await EndpointAsync(scope, subscriptionId, cancellationToken);
        return await api.Send(new RotateSecretCommand(scope.Caller, scope.ApplicationId, subscriptionId), cancellationToken);
    }

    /// <summary>The event types the scope may subscribe to: the application's, narrowed to the scope's list when it has one.</summary>
    public async Task<IReadOnlyList<EventTypeDto>> EventTypesAsync(PortalScope scope, CancellationToken cancellationToken = default)
        => [.. (await api.Send(new ListEventTypesQuery(scope.Caller, scope.ApplicationId), cancellationToken))
            .Where(t => scope.EventTypes.Count == 0 || scope.EventTypes.Contains(t.EventTypeName, StringComparer.Ordinal))];

    /// <summary>The portal's event types as an AsyncAPI 3.0 document (only the scope's allowed types when it lists some).</summary>
    public Task<EventCatalogDocument> EventCatalogAsync(PortalScope scope, EventCatalogFormat format, CancellationToken cancellationToken = default)
        => api.Send(new GetEventCatalogQuery(scope.Caller, scope.ApplicationId, format, scope.EventTypes.Count == 0 ? null : scope.EventTypes), cancellationToken);

    /// <summary>
    /// An event of the type, with its example payload, carrying exactly the scope's labels: subscriptions match events
    /// whose labels contain theirs, so only the scope's endpoints (those with labels within the scope's) receive it.
    /// </summary>
    public async Task<Guid> SendTestEventAsync(PortalScope scope, string eventType, CancellationToken cancellationToken = default)
    {
        RefuseReadOnly(scope);
        var type = (await EventTypesAsync(scope, cancellationToken)).FirstOrDefault(t => t.EventTypeName == eventType)
            ?? throw ValidationProblem.ForField("event_type", "event-type", "must be one of this portal's event types");
        var payload = type.Example?.GetRawText() ?? "{\"test\":true}";
        var posted = new EventPost(scope.ApplicationId, eventType, payload, "application/json", time.GetUtcNow(), new Dictionary<string, string>(scope.Labels));
        return (await api.Send(new IngestEventCommand(scope.Caller, posted, null), cancellationToken)).EventId;
    }

    public async Task<RequestAttemptPage> AttemptsAsync(PortalScope scope, Guid subscriptionId, string? cursor, CancellationToken cancellationToken = default)
    {
        await EndpointAsync(scope, subscriptionId, cancellationToken);
        return await api.Send(new ListRequestAttemptsQuery(scope.Caller, scope.ApplicationId, null, subscriptionId, null, null, [], cursor), cancellationToken);
    }

    /// <summary>
    /// The scope's delivery log: the attempts of every endpoint in scope, newest first, keyset-paged (Delivery merges one
    /// page per endpoint; an application's subscriptions carrying the scope's labels beyond the query's bound are left out).
    /// </summary>
    public async Task<RequestAttemptPage> ScopeAttemptsAsync(PortalScope scope, string? cursor, CancellationToken cancellationToken = default)
    {
        var endpoints = await EndpointsAsync(scope, cancellationToken);
        return endpoints.Count == 0
            ? new RequestAttemptPage([], null)
            : await api.Send(new ListRequestAttemptsQuery(scope.Caller, scope.ApplicationId, null, null, null, null, [], cursor,
                SubscriptionIds: [.. endpoints.Take(ListRequestAttemptsQuery.MaxSubscriptionIds).Select(s => s.SubscriptionId)]), cancellationToken);
    }

    public async Task<RequestAttemptPage> DeadLettersAsync(PortalScope scope, Guid subscriptionId, string? cursor, CancellationToken cancellationToken = default)
    {
        await EndpointAsync(scope, subscriptionId, cancellationToken);
        return await api.Send(new ListDeadLettersQuery(scope.Caller, scope.ApplicationId, subscriptionId, cursor), cancellationToken);
    }

    /// <summary>One attempt, with the request as sent, only when its subscription is in scope.</summary>
    public async Task<RequestAttemptDto> AttemptAsync(PortalScope scope, Guid attemptId, CancellationToken cancellationToken = default)
    {
        var attempt = await api.Send(new GetRequestAttemptQuery(scope.Caller, scope.ApplicationId, attemptId), cancellationToken);
        await EndpointAsync(scope, attempt.Subscription.SubscriptionId, cancellationToken);
        return attempt;
    }

    public async Task<ResponseDto?> ResponseAsync(PortalScope scope, RequestAttemptDto attempt, CancellationToken cancellationToken = default)
    {
        await EndpointAsync(scope, attempt.Subscription.SubscriptionId, cancellationToken);
        return attempt.ResponseId is { } id ? await api.Send(new GetResponseQuery(scope.Caller, scope.ApplicationId, id), cancellationToken) : null;
    }

    /// <summary>Sends one failed attempt again (a dead letter: retries exhausted), as a fresh attempt to the same endpoint only.</summary>
    public async Task<RetryDeadLettersResult> RetryAsync(PortalScope scope, Guid attemptId, CancellationToken cancellationToken = default)
    {
        RefuseReadOnly(scope);
        await AttemptAsync(scope, attemptId, cancellationToken);
        return await api.Send(new RetryDeadLettersCommand(scope.Caller, scope.ApplicationId, attemptId, null, null, null, DryRun: false), cancellationToken);
    }

    /// <summary>
    /// Sends the scope's events of a time range again to one of its endpoints (a dry run only counts them): the events
    /// are those carrying every label of the scope, never another customer's, and the new attempts go to that endpoint
    /// alone, for the events it matches now (its event types and labels), as any replay to one subscription.
    /// </summary>
    public async Task<ReplayEventsResult> ReplayAsync(PortalScope scope, Guid subscriptionId, DateTime from, DateTime to, bool dryRun, CancellationToken cancellationToken = default)
    {
        RefuseReadOnly(scope);
        await EndpointAsync(scope, subscriptionId, cancellationToken);
        return await api.Send(new ReplayEventsCommand(scope.Caller, scope.ApplicationId, from, to, null, scope.Labels, subscriptionId, dryRun), cancellationToken);
    }

    /// <summary>
    /// Refused here with the authorizer's answer, before anything is read: the token of a read-only scope lacks every
    /// write action anyway, so the contract would be refused by the Datalog policy too.
    /// </summary>
    private static void RefuseReadOnly(PortalScope scope)
    {
        if (scope.ReadOnly)
        {
            throw Problems.Forbidden.ToException();
        }
    }

    private static SubscriptionFields Scoped(SubscriptionFields fields, PortalScope scope)
    {
        var outside = scope.EventTypes.Count == 0 ? [] : fields.EventTypes.Where(t => !scope.EventTypes.Contains(t, StringComparer.Ordinal)).ToList();
        if (outside.Count > 0)
        {
            throw ValidationProblem.ForField("event_types", "event-types-scope", $"not available in this portal: {string.Join(", ", outside)}");
        }

        return fields with { Labels = scope.Labels, LabelKey = null, LabelValue = null, DedicatedWorkers = null };
    }
}
