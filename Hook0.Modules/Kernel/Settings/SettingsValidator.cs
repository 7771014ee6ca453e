using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Kernel.Settings;

/// <summary>
/// Checks every configured setting before the host is built, so a bad value stops the server with one
/// line naming the variable instead of a binder exception and its stack trace at first use. Values of
/// sensitive settings are never repeated in the messages.
/// </summary>
public static class SettingsValidator
{
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var (property, key, setting) in SettingsCatalog.Declared())
        {
            if (configuration[key] is not { } raw)
            {
                continue;
            }

            var shown = setting.Sensitive ? "the value" : $"'{raw}'";
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object? value;
            try
            {
                value = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(raw);
            }
            catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException)
            {
                problems.Add($"{key}: {shown} is not a valid {Describe(type)}");
                continue;
            }

            problems.AddRange(property.GetCustomAttributes<ValidationAttribute>()
                .Where(rule => !rule.IsValid(value))
                .Select(rule => $"{key}: {rule.FormatErrorMessage(key)}"));
        }

        return problems;
    }

    private static string Describe(Type type) => type == typeof(bool) ? "boolean (true or false)"
        : type == typeof(double) ? "number"
        : type.IsPrimitive ? "whole number"
        : type.Name;
}
