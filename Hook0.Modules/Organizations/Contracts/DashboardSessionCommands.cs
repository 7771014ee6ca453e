using Hook0.Modules.Kernel.Auth;
using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Keeps a new sign-in's token pair server-side as a dashboard session; answers the random secret the browser
/// keeps (in a protected cookie) to find it again. Only its keyed hash is stored.
/// </summary>
public sealed record OpenDashboardSessionCommand(LoginResponse Tokens, string? UserAgent, string? Address) : ICommand<string>;

/// <summary>
/// Finds the live dashboard session a browser's secret names (not revoked, within its idle and absolute
/// lifetimes), marks it seen, and makes sure its access token is fresh (<paramref name="Refresh"/> mints a new
/// one anyway: a new organization's role is only in a new token). Null when there is no such session any more.
/// Instances share the row: a refresh takes its lock, so two instances never spend one refresh token twice.
/// </summary>
public sealed record ResumeDashboardSessionCommand(string Secret, bool Refresh = false) : ICommand<DashboardSessionState?>;

/// <summary>What a page needs of a live session: its id, its user, and an access token good for a while.</summary>
public sealed record DashboardSessionState(Guid SessionId, Guid UserId, string Email, string AccessToken);

/// <summary>The signed-in user's live dashboard sessions, the most recently seen first, and the lifetimes they have.</summary>
public sealed record ListDashboardSessionsQuery(Caller Caller) : IQuery<DashboardSessionList>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.AuthLogout);
}

/// <summary>The live sessions, and how long a session may stay unused and last at most.</summary>
public sealed record DashboardSessionList(IReadOnlyList<DashboardSessionInfo> Sessions, TimeSpan IdleTimeout, TimeSpan AbsoluteTimeout);

/// <summary>One dashboard session as its user sees it (the address and browser are as the server saw them at sign-in).</summary>
public sealed record DashboardSessionInfo(Guid Id, DateTime CreatedAt, DateTime LastSeenAt, DateTime ExpiresAt, string? UserAgent, string? Address);

/// <summary>
/// Signs the caller out of one of their sessions (<paramref name="SessionId"/>), or everywhere (null: every
/// session of theirs, the API's included). Its tokens stop working at once on every instance. Answers how many
/// dashboard sessions it ended; a session that is not the caller's is not found (0).
/// </summary>
public sealed record EndDashboardSessionsCommand(Caller Caller, Guid? SessionId) : ICommand<int>, IAuthorizedRequest
{
    public Access Access => new(Caller, Actions.AuthLogout);
}
