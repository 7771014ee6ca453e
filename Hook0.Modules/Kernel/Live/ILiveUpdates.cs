namespace Hook0.Modules.Kernel.Live;

/// <summary>
/// The modules' way to tell open dashboards that an application's data changed, on every instance.
/// Publishing is a dictionary write (the hot paths call it per committed batch); changes are merged per
/// application and sent as one PostgreSQL NOTIFY per flush interval, and every instance hands them to
/// its subscribers. A notice says only "look again", never what changed: pages re-run their query.
/// </summary>
public interface ILiveUpdates
{
    /// <summary>Announces a committed change. Never blocks, never throws.</summary>
    void Publish(Guid applicationId, LiveTopic topics);

    /// <summary>
    /// Calls <paramref name="changed"/> (on a pool thread, quickly) with the merged topics each time a flush
    /// carries changes to the application, and with <see cref="LiveTopic.All"/> after a reconnect (notices
    /// may have been missed). Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe(Guid applicationId, Action<LiveTopic> changed);

    /// <summary>Whether notices from every instance are arriving (the LISTEN connection is up).</summary>
    bool Connected { get; }

    /// <summary>Raised when <see cref="Connected"/> changes.</summary>
    event Action<bool>? ConnectionChanged;
}
