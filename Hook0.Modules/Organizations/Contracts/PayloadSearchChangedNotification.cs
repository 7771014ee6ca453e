using Mediator;

namespace Hook0.Modules.Organizations.Contracts;

/// <summary>
/// Published after an application's <c>payload_search</c> setting changed (committed), so this instance's caches of it
/// drop their answer at once; other instances drop theirs on the cache channel's notice (<see cref="GetPayloadSearchQuery.CacheTopic"/>).
/// </summary>
public sealed record PayloadSearchChangedNotification(Guid ApplicationId) : INotification;
