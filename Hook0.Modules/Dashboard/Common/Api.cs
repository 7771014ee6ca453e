using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Dashboard.Common;

/// <summary>
/// Sends the dashboard's commands and queries through the mediator, each in its own service scope: a
/// circuit lives for minutes and its components load in parallel, while the handlers' database
/// contexts are scoped and must serve one request at a time.
/// </summary>
public sealed class Api(IServiceScopeFactory scopes)
{
    public async Task<TResponse> Send<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    public async Task<TResponse> Send<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, cancellationToken);
    }
}
