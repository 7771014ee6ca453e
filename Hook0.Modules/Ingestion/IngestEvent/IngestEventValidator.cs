using FluentValidation;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Validation;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>Upstream's field rules for events (422 <c>Validation</c>), checked before the payload is decoded.</summary>
internal sealed class EventPostValidator : AbstractValidator<EventPost>
{
    /// <summary>512 KiB once base64-encoded, as upstream.</summary>
    public const int MaxPayloadChars = 699_050;

    public EventPostValidator()
    {
        RuleFor(e => e.EventType).Chars(1, 200);
        RuleFor(e => e.Payload).Chars(0, MaxPayloadChars);
        RuleFor(e => e.Labels)
            .Must(m => m.Count is >= 1 and <= 10).WithErrorCode("labels-size").WithMessage("must contain between 1 and 10 entries")
            .Must(EntriesBetween1And50).WithErrorCode("labels-property-length").WithMessage("keys and values must be between 1 and 50 characters long");
        RuleFor(e => e.Metadata)
            .Must(m => m is null || m.Count <= 50).WithErrorCode("metadata-size").WithMessage("must contain at most 50 entries")
            .Must(m => m is null || EntriesBetween1And50(m)).WithErrorCode("metadata-property-length").WithMessage("keys and values must be between 1 and 50 characters long");
    }

    private static bool EntriesBetween1And50(Dictionary<string, string> map)
        => map.All(kv => kv.Key.Length is >= 1 and <= 50 && kv.Value is { Length: >= 1 and <= 50 });
}

internal sealed class IngestEventValidator : AbstractValidator<IngestEventCommand>
{
    // The body's failures keep their own field names (not "event.labels"): they are the wire's names.
    public IngestEventValidator(IValidator<EventPost> post)
        => RuleFor(c => c.Event).Custom((body, context) =>
        {
            foreach (var failure in post.Validate(body).Errors)
            {
                context.AddFailure(failure);
            }
        });
}
