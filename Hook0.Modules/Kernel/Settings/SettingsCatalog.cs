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

    /// <summary>Every setting property of the modules' options classes, with its variable and description.</summary>
    internal static IEnumerable<(PropertyInfo Property, string Key, SettingAttribute Setting)> Declared()
        => from type in typeof(SettingsCatalog).Assembly.GetTypes()
           where type is { IsClass: true, IsAbstract: false } && type.GetConstructor(Type.EmptyTypes) is not null
           from property in type.GetProperties()
           let key = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name
           where key is not null
           let setting = property.GetCustomAttribute<SettingAttribute>()
               ?? throw new InvalidOperationException($"{type.Name}.{property.Name} ({key}) has no [Setting] description.")
           select (property, key, setting);

    private static List<SettingInfo> Collect()
        => [.. from declared in Declared()
               let setting = declared.Setting
               let defaults = Activator.CreateInstance(declared.Property.DeclaringType!)
               orderby setting.Group, declared.Key
               select new SettingInfo(declared.Key.ToLowerInvariant(), declared.Key, setting.Description,
                   setting.Sensitive ? null : setting.DefaultText ?? Format(declared.Property.GetValue(defaults)),
                   setting.Sensitive, setting.Required, setting.Group)];

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
