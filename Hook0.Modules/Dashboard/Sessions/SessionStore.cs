using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hook0.Modules.Organizations.Contracts;

namespace Hook0.Modules.Dashboard.Sessions;

/// <summary>
/// Dashboard sessions, in memory and keyed by a random id (the cookie carries only that id). One
/// instance serves a browser's circuits anyway (Blazor Server needs sticky sessions), and a restart
/// only asks users to log in again; the tokens never reach the browser.
/// </summary>
public sealed class SessionStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DashboardSession> _sessions = new(StringComparer.Ordinal);

    public DashboardSession Open(LoginResponse tokens)
    {
        Sweep();
        var session = new DashboardSession(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), tokens);
        _sessions[session.Id] = session;
        return session;
    }

    public DashboardSession? Find(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        if (session.Ended || session.Tokens.RefreshTokenExpiration <= time.GetUtcNow().UtcDateTime)
        {
            _sessions.TryRemove(id, out _);
            return null;
        }

        return session;
    }

    public void Close(string id)
    {
        if (_sessions.TryRemove(id, out var session))
        {
            session.End();
        }
    }

    private void Sweep()
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (id, session) in _sessions)
        {
            if (session.Ended || session.Tokens.RefreshTokenExpiration <= now)
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }
}
