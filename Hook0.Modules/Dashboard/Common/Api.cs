using Hook0.Modules.Kernel.Audit;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Dashboard.Common;

/// <summary>
/// Sends the dashboard's commands and queries through the mediator, each in its own service scope: a
/// circuit lives for minutes and its components load in parallel, while the handlers' database
/// contexts are scoped and must serve one request at a time. Each scope is marked as the dashboard's for the audit
/// log, with the browser's address and user agent when an HTTP context flows to the call (a form post, a circuit's
/// connection); a click in a circuit may have none, and its record then says dashboard without an address.
/// </summary>
public sealed class Api(IServiceScopeFactory scopes, IHttpContextAccessor accessor)
{
    public async Task<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    public async Task<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default)
    {
        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
    }

    private AsyncServiceScope Scope()
    {
        var scope = scopes.CreateAsyncScope();
        var http = accessor.HttpContext;
        scope.ServiceProvider.GetRequiredService<AuditOrigin>().FromCircuit(AuditChannels.Dashboard,
            http?.Connection.RemoteIpAddress?.ToString(), http?.Request.Headers.UserAgent.ToString());
        return scope;
    }
}
