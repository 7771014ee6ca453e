namespace Hook0.Modules.Dashboard.Subscriptions;

/// <summary>One editable entry of a header, label or metadata map.</summary>
public sealed class KeyValueRow
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}
