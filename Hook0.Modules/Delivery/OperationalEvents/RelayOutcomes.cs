namespace Hook0.Modules.Delivery.OperationalEvents;

/// <summary>What the relay did with an outbox row (stored in <c>outcome</c>, for whoever investigates).</summary>
internal static class RelayOutcomes
{
    /// <summary>Ingested into the organization's system application.</summary>
    public const string Ingested = "ingested";

    /// <summary>Its event already existed: a previous run ingested it and died before marking the row.</summary>
    public const string AlreadyIngested = "already_ingested";

    /// <summary>The organization never asked for operational webhooks: nobody can be subscribed.</summary>
    public const string NoSystemApplication = "no_system_application";

    /// <summary>About the system application's own subscriptions: never told (no loops).</summary>
    public const string AboutSystemApplication = "about_system_application";

    /// <summary>Ingestion refused it (followed by the problem id); the same refusal would come at every try.</summary>
    public const string RefusedPrefix = "refused: ";

    /// <summary>The application was deleted meanwhile.</summary>
    public const string ApplicationGone = "application_gone";
}
