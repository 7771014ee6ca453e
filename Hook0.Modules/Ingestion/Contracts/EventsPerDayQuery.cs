using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Ingestion.Contracts;

/// <summary>Events per day of one application, or of every application of an organization (deleted ones included).</summary>
public sealed record EventsPerDayQuery(Caller Caller, Guid? OrganizationId, Guid? ApplicationId, DateOnly From, DateOnly To)
    : IQuery<IReadOnlyList<EventsPerDayEntry>>, IAuthorizedRequest
{
    public Access Access => ApplicationId is { } app
        ? new(Caller, Actions.EventsPerDayApplication, ApplicationId: app)
        : new(Caller, Actions.EventsPerDayOrganization, OrganizationId);
}

/// <summary>Today's figure is provisional: the aggregate is refreshed every minute.</summary>
public sealed record EventsPerDayEntry(Guid ApplicationId, string ApplicationName, DateOnly Date, int Amount, bool IsProvisional);
