using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Settings;

/// <summary>One setting the server reads: its metadata and default, never its current value.</summary>
public sealed record SettingInfo(string Name, string EnvVar, string Description, string? Default, bool Sensitive, bool Required, string Group);

/// <summary>
/// Every setting of the modules, found by reflection over the options classes (properties carrying
/// <c>ConfigurationKeyName</c>), so a new setting is listed the moment it exists. Defaults are read
/// from a fresh instance, which is why no configured value can leak here.
/// </summary>
public static class SettingsCatalog
{
    private static readonly Lazy<IReadOnlyList<SettingInfo>> Settings = new(Collect);

    public static IReadOnlyList<SettingInfo> All => Settings.Value;

    private static List<SettingInfo> Collect()
        => [.. from type in typeof(SettingsCatalog).Assembly.GetTypes()
               where type is { IsClass: true, IsAbstract: false } && type.GetConstructor(Type.EmptyTypes) is not null
               let properties = type.GetProperties().Where(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>() is not null).ToList()
               where properties.Count > 0
               let defaults = Activator.CreateInstance(type)
               from property in properties
               let key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()!.Name
               let setting = property.GetCustomAttribute<SettingAttribute>()
                   ?? throw new InvalidOperationException($"{type.Name}.{property.Name} ({key}) has no [Setting] description.")
               orderby setting.Group, key
               select new SettingInfo(key.ToLowerInvariant(), key, setting.Description,
                   setting.Sensitive ? null : setting.DefaultText ?? Format(property.GetValue(defaults)),
                   setting.Sensitive, setting.Required, setting.Group)];

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
