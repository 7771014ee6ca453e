using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Hook0.Modules.Kernel.Audit;

/// <summary>
/// The diff of an audit record, read from a context's change tracker before it saves: for each added, modified or
/// deleted entity, the columns whose value changes (<c>{"subscription.is_paused": {"from": false, "to": true}}</c>).
/// Columns that can hold a secret are masked: the diff says they changed, never what they hold.
/// </summary>
public static class AuditDiff
{
    public const string Masked = "***";

    // By column name, so a new secret column is masked without anyone remembering the audit log: headers carry
    // Authorization values, secrets and tokens are credentials, hashes and sealed values are derived from them.
    private static readonly string[] SecretMarkers = ["secret", "password", "token", "hash", "sealed", "biscuit", "header", "private", "protected", "key_material"];

    private const int MaxValueLength = 1_000;
    private const int MaxFields = 200;

    public static bool IsSecret(string column) => SecretMarkers.Any(m => column.Contains(m, StringComparison.OrdinalIgnoreCase));

    public static JsonObject? From(ChangeTracker? tracker, IReadOnlyDictionary<string, object?>? details)
    {
        var diff = new JsonObject();
        tracker?.DetectChanges();
        foreach (var entry in (tracker?.Entries() ?? []).Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            var table = entry.Metadata.GetTableName() ?? entry.Metadata.ShortName();
            foreach (var property in entry.Properties)
            {
                if (diff.Count >= MaxFields)
                {
                    break;
                }

                var column = property.Metadata.GetColumnName();
                object? from = entry.State == EntityState.Added ? null : property.OriginalValue;
                object? to = entry.State == EntityState.Deleted ? null : property.CurrentValue;
                if (entry.State == EntityState.Modified && !property.IsModified)
                {
                    continue;
                }

                var fromNode = Node(from);
                var toNode = Node(to);
                if (JsonNode.DeepEquals(fromNode, toNode))
                {
                    continue;
                }

                var secret = IsSecret(column);
                diff[$"{table}.{column}"] = new JsonObject
                {
                    ["from"] = secret && from is not null ? Masked : fromNode,
                    ["to"] = secret && to is not null ? Masked : toNode,
                };
            }
        }

        foreach (var (key, value) in details ?? new Dictionary<string, object?>())
        {
            diff[key] = IsSecret(key) && value is not null ? Masked : Node(value);
        }

        return diff.Count == 0 ? null : diff;
    }

    private static JsonNode? Node(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var node = JsonSerializer.SerializeToNode(value, value.GetType());
        return node is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > MaxValueLength
            ? JsonValue.Create(text[..MaxValueLength] + "…")
            : node;
    }
}
