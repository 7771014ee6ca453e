namespace Hook0.Modules.Delivery.Listen;

/// <summary>
/// The <c>hook0 listen</c> connections this instance holds, by subscription: only this instance claims those
/// subscriptions' attempts (<see cref="CliDeliveryPump"/>), and only through these connections are they delivered.
/// </summary>
internal sealed class CliListeners
{
    private readonly Dictionary<Guid, List<string>> _bySubscription = [];
    private readonly Dictionary<string, Guid> _byConnection = new(StringComparer.Ordinal);

    /// <summary>A listener came or went: the pump looks again.</summary>
    public event Action? Changed;

    public void Add(string connectionId, Guid subscriptionId)
    {
        lock (_byConnection)
        {
            RemoveLocked(connectionId);
            _byConnection[connectionId] = subscriptionId;
            if (!_bySubscription.TryGetValue(subscriptionId, out var connections))
            {
                _bySubscription[subscriptionId] = connections = [];
            }

            connections.Add(connectionId);
        }

        Changed?.Invoke();
    }

    public void Remove(string connectionId)
    {
        lock (_byConnection)
        {
            RemoveLocked(connectionId);
        }

        Changed?.Invoke();
    }

    /// <summary>The subscriptions with at least one listener here.</summary>
    public IReadOnlyList<Guid> Subscriptions
    {
        get
        {
            lock (_byConnection)
            {
                return [.. _bySubscription.Keys];
            }
        }
    }

    /// <summary>The connection to deliver a subscription's attempt through (the newest listener), or null when none is left.</summary>
    public string? ConnectionFor(Guid subscriptionId)
    {
        lock (_byConnection)
        {
            return _bySubscription.TryGetValue(subscriptionId, out var connections) ? connections[^1] : null;
        }
    }

    private void RemoveLocked(string connectionId)
    {
        if (_byConnection.Remove(connectionId, out var subscriptionId) && _bySubscription.TryGetValue(subscriptionId, out var connections))
        {
            connections.Remove(connectionId);
            if (connections.Count == 0)
            {
                _bySubscription.Remove(subscriptionId);
            }
        }
    }
}
