using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Kernel.Audit.ListAccountEvents;

/// <summary>
/// The signed-in user's own recent sign-ins, failed sign-ins and lockouts, newest first (the dashboard's account page
/// shows them). Only a user session may ask, and only about itself: no other caller has an account.
/// </summary>
public sealed record ListAccountEventsQuery(Caller Caller, int Limit = ListAccountEventsQuery.DefaultLimit) : IQuery<IReadOnlyList<AccountEventDto>>
{
    public const int DefaultLimit = 20;
}

public sealed record AccountEventDto(DateTime RecordedAt, string Action, string Channel, string? ClientIp, string? UserAgent);
