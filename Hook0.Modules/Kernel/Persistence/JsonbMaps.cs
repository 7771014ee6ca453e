using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hook0.Modules.Kernel.Persistence;

/// <summary>Stores a string map (labels, metadata, headers) as a <c>jsonb</c> object, compared by content.</summary>
public static class JsonbMaps
{
    private static readonly ValueComparer<Dictionary<string, string>> Comparer = new(
        (a, b) => a == null ? b == null : b != null && a.Count == b.Count && !a.Except(b).Any(),
        d => d.Aggregate(0, (h, kv) => h ^ HashCode.Combine(kv.Key, kv.Value)),
        d => new Dictionary<string, string>(d, StringComparer.Ordinal));

    public static PropertyBuilder<Dictionary<string, string>> HasJsonbConversion(this PropertyBuilder<Dictionary<string, string>> property)
    {
        property.HasConversion(
                d => JsonSerializer.Serialize(d, JsonSerializerOptions.Default),
                s => JsonSerializer.Deserialize<Dictionary<string, string>>(s, JsonSerializerOptions.Default) ?? new Dictionary<string, string>())
            .HasColumnType("jsonb")
            .Metadata.SetValueComparer(Comparer);
        return property;
    }
}
