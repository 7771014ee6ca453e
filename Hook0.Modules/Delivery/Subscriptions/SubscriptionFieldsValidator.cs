using System.Text.Json;
using FluentValidation;
using Hook0.Modules.Kernel.Validation;

namespace Hook0.Modules.Delivery.Subscriptions;

/// <summary>Upstream's field rules for subscriptions, with its validation codes.</summary>
internal abstract class SubscriptionFieldsValidator<T> : AbstractValidator<T>
    where T : ISubscriptionCommand
{
    private static readonly HashSet<string> Methods = ["GET", "PATCH", "POST", "PUT", "DELETE", "OPTIONS", "HEAD"];

    /// <param name="signatureHeaderName">The instance's <c>SIGNATURE_HEADER_NAME</c>, reserved beside the default one.</param>
    protected SubscriptionFieldsValidator(string signatureHeaderName)
    {
        RuleFor(s => s.Fields.EventTypes)
            .Must(t => t.Count is >= 1 and <= 100).WithErrorCode("event-types-size").WithMessage("must contain between 1 and 100 event types")
            .Must(t => t.All(n => n is { Length: >= 1 and <= 200 })).WithErrorCode("event-types-name-length").WithMessage("each event type must be between 1 and 200 characters long")
            .Must(t => t.All(n => n is null || !EventTypePatterns.IsPattern(n) || EventTypePatterns.IsWellFormed(n)))
            .WithErrorCode("event-types-pattern").WithMessage("in a pattern, '*' must stand for a whole dotted segment, as in billing.*.created");
        RuleFor(s => s.Fields.Description).Chars(1, 100);
        RuleFor(s => s.Fields.Metadata)
            .Must(m => m.Count <= 50).WithErrorCode("metadata-size").WithMessage("must contain at most 50 entries")
            .Must(MapEntriesBetween1And50).WithErrorCode("metadata-property-length").WithMessage("keys and values must be between 1 and 50 characters long");
        When(s => s.Fields.LabelKey is null, () => RuleFor(s => s.Fields.Labels)
            .Must(m => m.Count is >= 1 and <= 10).WithErrorCode("labels-size").WithMessage("must contain between 1 and 10 entries")
            .Must(MapEntriesBetween1And50).WithErrorCode("labels-property-length").WithMessage("keys and values must be between 1 and 50 characters long"));
        When(s => s.Fields.LabelKey is not null, () =>
        {
            RuleFor(s => s.Fields.LabelKey).Chars(1, 100).NoControlCharacters();
            RuleFor(s => s.Fields.LabelValue).Chars(1, 100).NoControlCharacters();
        });
        RuleFor(s => s.Fields.Method)
            .Must(Methods.Contains).WithErrorCode("subscription-target-http-method").WithMessage("must be one of GET, PATCH, POST, PUT, DELETE, OPTIONS, HEAD")
            .OverridePropertyName("target.method");
        RuleFor(s => s.Fields.Url)
            .Must(u => u.Length <= 1000).WithErrorCode("subscription-target-http-url-length").WithMessage("must be at most 1000 characters long")
            .OverridePropertyName("target.url");
        RuleFor(s => s.Fields.Headers)
            .Must(h => h.Count <= 10).WithErrorCode("subscription-target-http-headers-size").WithMessage("must contain at most 10 headers")
            .Must(h => h.All(kv => HttpHeaderRules.IsValidName(kv.Key) && HttpHeaderRules.IsValidValue(kv.Value)))
            .WithErrorCode("subscription-target-http-headers-property-length")
            .WithMessage("header names and values must be valid HTTP headers of at most 500 bytes")
            .OverridePropertyName("target.headers");
        RuleFor(s => s.Fields.Headers).Custom((headers, context) =>
        {
            foreach (var name in headers.Keys.Where(n => HttpHeaderRules.IsReserved(n, signatureHeaderName)))
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure("target.headers", $"'{name}' is set by the delivery itself and cannot be a custom header")
                {
                    ErrorCode = "subscription-target-http-headers-reserved",
                    CustomState = new Dictionary<string, object> { ["header"] = name },
                });
            }
        });
        RuleFor(s => s.Fields.RetryPolicy).Custom((policy, context) =>
        {
            foreach (var (field, message) in RetryPolicyRules.Check(policy))
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(field, message) { ErrorCode = "retry-policy" });
            }
        });
        RuleFor(s => s.Fields.MaxConcurrency).Must(m => OptionalInteger(m, 1, 1000))
            .WithErrorCode("range").WithMessage("must be an integer between 1 and 1000, or null");
        RuleFor(s => s.Fields.RateLimitPerSecond).Must(m => OptionalInteger(m, 1, 10_000))
            .WithErrorCode("range").WithMessage("must be an integer between 1 and 10000, or null");
        RuleFor(s => s.Fields.CircuitBreakerThreshold)
            .Must(m => OptionalInteger(m, Protection.CircuitBreaker.MinThreshold, Protection.CircuitBreaker.MaxThreshold))
            .WithErrorCode("range").WithMessage("must be an integer between 1 and 1000, or null");
        RuleFor(s => s.Fields.SignatureSchemes)
            .Must(v => v.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
                       || (v.ValueKind == JsonValueKind.String && Sending.Signing.SignatureSchemeNames.All.Contains(v.GetString()!)))
            .WithErrorCode("signature-schemes").WithMessage("must be \"hook0\", \"standard\" or \"both\", or null");
        RuleFor(s => s.Fields.AsymmetricSignatures)
            .Must(v => v.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False)
            .WithErrorCode("asymmetric-signatures").WithMessage("must be true, false or null");
        RuleFor(s => s.Fields.DedicatedWorkers)
            .Must(w => w is null || w.Count is >= 1 and <= 20).WithErrorCode("length").WithMessage("must contain between 1 and 20 worker names")
            .WithState(_ => RuleExtensions.Params(1, 20));
    }

    private static bool OptionalInteger(JsonElement value, int min, int max)
        => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
           || (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max);

    private static bool MapEntriesBetween1And50(IReadOnlyDictionary<string, string> map)
        => map.All(kv => kv.Key.Length is >= 1 and <= 50 && kv.Value is { Length: >= 1 and <= 50 });
}
