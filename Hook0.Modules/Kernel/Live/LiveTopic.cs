namespace Hook0.Modules.Kernel.Live;

/// <summary>What changed in an application, as flags so that several changes merge into one notice.</summary>
[Flags]
public enum LiveTopic
{
    None = 0,

    /// <summary>New events were stored.</summary>
    Events = 1,

    /// <summary>Request attempts were created, picked, answered, retried or dead-lettered.</summary>
    Attempts = 2,

    /// <summary>Subscriptions changed (created, edited, health state moved).</summary>
    Subscriptions = 4,

    All = Events | Attempts | Subscriptions,
}
