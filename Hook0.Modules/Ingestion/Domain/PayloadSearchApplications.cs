using Hook0.Modules.Kernel.Notifications;
using Hook0.Modules.Organizations.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Ingestion.Domain;

/// <summary>
/// Which applications have payload search on (ADR 0025), asked at every JSON ingest: cached per instance, dropped on
/// every instance when Organizations announces the application's change. An event ingested while another instance
/// still holds the old answer is marked by it: at most one cache lifetime (or until the notice arrives) of events.
/// </summary>
internal sealed class PayloadSearchApplications(PgNotificationHub hub, TimeProvider time, IServiceScopeFactory scopes)
{
    private readonly InvalidatedCache<Guid, bool> _cache =
        new(hub, time, TimeSpan.FromMinutes(1), GetPayloadSearchQuery.CacheTopic, (string text, out Guid key) => Guid.TryParse(text, out key));

    public async ValueTask<bool> IsOnAsync(Guid applicationId, CancellationToken cancellationToken)
        => await _cache.GetOrLoadAsync(applicationId, LoadAsync, cancellationToken);

    /// <summary>This instance's answer is dropped at once (the others' on the cache channel's notice).</summary>
    public void Forget(Guid applicationId) => _cache.Remove(applicationId);

    private async Task<bool> LoadAsync(Guid applicationId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetPayloadSearchQuery(applicationId), cancellationToken);
    }
}

/// <summary>The setting changed on this instance: the next event of the application is marked by the new value.</summary>
internal sealed class OnPayloadSearchChanged(PayloadSearchApplications applications) : INotificationHandler<PayloadSearchChangedNotification>
{
    public ValueTask Handle(PayloadSearchChangedNotification notification, CancellationToken cancellationToken)
    {
        applications.Forget(notification.ApplicationId);
        return ValueTask.CompletedTask;
    }
}
