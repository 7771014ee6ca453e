namespace Hook0.Modules.Kernel.Settings;

/// <summary>
/// Describes a setting (a property carrying <c>ConfigurationKeyName</c>) for <c>GET /environment_variables</c>.
/// <see cref="Sensitive"/> settings never show a default; <see cref="DefaultText"/> replaces a default that
/// depends on the machine or is generated.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string group, string description) : Attribute
{
    public string Group { get; } = group;

    public string Description { get; } = description;

    public bool Sensitive { get; set; }

    public bool Required { get; set; }

    public string? DefaultText { get; set; }
}
