using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Delivery.OperationalEvents;

/// <summary>How often the outbox of operational events is relayed into the organizations' system applications.</summary>
public sealed class OperationalEventsOptions
{
    [Setting("Operational webhooks", "How often pending operational events (subscription failing, disabled, recovered; attempt exhausted; secret rotated) are relayed to the organizations' operational subscriptions, in seconds")]
    [ConfigurationKeyName("OPERATIONAL_EVENTS_RELAY_PERIOD_IN_S")]
    [Range(1, 3600)]
    public int RelayPeriodSeconds { get; set; } = 5;

    /// <summary>E-mail is told at most once: a crash between the ingest and the row's marking skips it, never doubles it.</summary>
    [Setting("Operational webhooks", "Also e-mail the organization's editors when one of its subscriptions becomes failing, is disabled or recovers")]
    [ConfigurationKeyName("OPERATIONAL_EMAILS_ENABLED")]
    public bool EmailEditors { get; set; } = true;
}
