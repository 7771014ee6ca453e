using System.Text.Json.Nodes;
using Hook0.Modules.Assistant.Calls;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Errors;
using Mediator;

namespace Hook0.Modules.Assistant.Attempts;

/// <summary>
/// Puts together what the dashboard's attempt page shows, from the same queries: the attempt, its response (if it got
/// one) and its subscription's health. Each is read with the caller's own rights; a part the credential may not read is
/// said to be unavailable rather than failing the whole explanation.
/// </summary>
internal sealed class FailureExplainer(ISender sender)
{
    /// <summary>Enough of a response body to recognise an error page or an error message, not a whole page into the model's context.</summary>
    public const int ExcerptChars = 1_000;

    public async ValueTask<JsonNode?> ExplainAsync(Caller caller, Guid applicationId, Guid attemptId, CancellationToken cancellationToken)
    {
        var attempt = await sender.Send(new GetRequestAttemptQuery(caller, applicationId, attemptId), cancellationToken);
        var explanation = new JsonObject
        {
            ["request_attempt_id"] = attempt.RequestAttemptId,
            ["event_id"] = attempt.EventId,
            ["event_type"] = attempt.Event.EventTypeName,
            ["status"] = attempt.Status.Type,
            ["retry_count"] = attempt.RetryCount,
            ["http_status"] = attempt.HttpResponseStatus,
        };
        var hints = new JsonArray();

        if (attempt.ResponseId is { } responseId)
        {
            var response = await TryAsync(() => sender.Send(new GetResponseQuery(caller, applicationId, responseId), cancellationToken));
            if (response.Value is { } r)
            {
                explanation["error_class"] = r.ResponseErrorName;
                explanation["error_explanation"] = ErrorClasses.Explain(r.ResponseErrorName);
                explanation["elapsed_time_ms"] = r.ElapsedTimeMs;
                explanation["response_excerpt"] = r.Body is null ? null : r.Body.Length > ExcerptChars ? r.Body[..ExcerptChars] + "…" : r.Body;
                explanation["response_body_truncated"] = r.BodyTruncated || r.Body?.Length > ExcerptChars;
            }
            else
            {
                explanation["response"] = response.Unavailable;
            }
        }
        else
        {
            hints.Add(attempt.Status.Type is AttemptStatuses.Pending or AttemptStatuses.Waiting or AttemptStatuses.InProgress
                ? "This attempt has not been answered yet: it has not failed."
                : "This attempt has no recorded response.");
        }

        var subscription = await TryAsync(() => sender.Send(new GetSubscriptionQuery(caller, attempt.Subscription.SubscriptionId), cancellationToken));
        if (subscription.Value is { } s)
        {
            explanation["subscription"] = new JsonObject
            {
                ["subscription_id"] = s.SubscriptionId,
                ["description"] = s.Description,
                ["is_enabled"] = s.IsEnabled,
                ["is_paused"] = s.IsPaused,
                ["health"] = ToolRunner.Json(s.Health),
            };
            if (!s.IsEnabled)
            {
                hints.Add("The subscription is disabled: it gets no new attempts until it is enabled again.");
            }

            if (s.IsPaused)
            {
                hints.Add("The subscription is paused: attempts wait until it is resumed.");
            }
        }
        else
        {
            explanation["subscription"] = subscription.Unavailable;
        }

        if (attempt.Status.Type == AttemptStatuses.Failed)
        {
            hints.Add(attempt.HttpResponseStatus is >= 400 and < 500
                ? "The endpoint refused the request (4xx): check its URL, its authentication headers and its signature verification."
                : "Once the endpoint is fixed, retry_attempt sends this attempt again if it failed for good (a dead letter); otherwise Hook0 retries it on its schedule.");
        }

        explanation["hints"] = hints;
        return explanation;
    }

    private static async Task<(T? Value, string? Unavailable)> TryAsync<T>(Func<ValueTask<T>> read) where T : class
    {
        try
        {
            return (await read(), null);
        }
        catch (ProblemException e) when (e.Problem.Status is 403 or 404)
        {
            return (null, $"unavailable: {e.Problem.Id}");
        }
    }
}
