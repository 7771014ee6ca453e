using System.Net;
using FluentValidation;
using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Kernel.Auth;
using Hook0.Modules.Kernel.Validation;
using Mediator;

namespace Hook0.Modules.Ingestion.IngestEvent;

/// <summary>
/// Stores one event. <c>POST /event</c> calls <see cref="IngestAsync"/> directly (the hot path: no mediator
/// hop, no pipeline behaviours; it authorizes and validates itself, in the pipeline's order); other
/// modules send <see cref="IngestEventCommand"/>, which the pipeline authorizes and validates first.
/// </summary>
internal sealed class IngestEventHandler(AccessPolicy access, IValidator<EventPost> validator, EventPreparer preparer, EventStore store)
    : ICommandHandler<IngestEventCommand, IngestedEventDto>
{
    public async ValueTask<IngestedEventDto> Handle(IngestEventCommand command, CancellationToken cancellationToken)
        => await StoreAsync(command.Event, command.Ip, cancellationToken);

    public async Task<IngestedEventDto> IngestAsync(Caller caller, EventPost post, IPAddress? ip, CancellationToken cancellationToken)
    {
        await access.AuthorizeAsync(new Access(caller, Actions.EventIngest, ApplicationId: post.ApplicationId), cancellationToken);
        var validation = validator.Validate(post);
        if (!validation.IsValid)
        {
            throw ValidationProblem.From(validation.Errors);
        }

        return await StoreAsync(post, ip, cancellationToken);
    }

    private async Task<IngestedEventDto> StoreAsync(EventPost post, IPAddress? ip, CancellationToken cancellationToken)
    {
        var prepared = await preparer.PrepareAsync(post, ip, cancellationToken);
        var stored = await store.StoreAsync([prepared], cancellationToken);
        return stored[0].StoredOrThrow();
    }
}
