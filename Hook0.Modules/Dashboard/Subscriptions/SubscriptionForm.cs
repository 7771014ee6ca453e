using System.Globalization;
using System.Text.Json;
using Hook0.Modules.Delivery.Contracts;
using Hook0.Modules.Kernel.Auth;

namespace Hook0.Modules.Dashboard.Subscriptions;

/// <summary>
/// What the subscription form edits, section by section, and the commands it turns into: every field the API takes
/// (pausing has its own switch and command). Empty map rows are ignored; an empty limit is "none" (JSON null).
/// </summary>
public sealed class SubscriptionForm
{
    public static readonly IReadOnlyList<string> Methods = ["POST", "PUT", "PATCH", "GET", "DELETE", "OPTIONS", "HEAD"];

    public string Description { get; set; } = "";

    public string Method { get; set; } = "POST";

    public string Url { get; set; } = "";

    /// <summary>Kept from the subscription (a cli target has no URL to edit): a save never changes the type.</summary>
    public string TargetType { get; set; } = SubscriptionTargetTypes.Http;

    public List<KeyValueRow> Headers { get; } = [];

    /// <summary>Event types chosen from the application's list.</summary>
    public IReadOnlyCollection<string> EventTypes { get; set; } = [];

    /// <summary>Patterns such as <c>billing.*.created</c>, comma- or space-separated.</summary>
    public string Patterns { get; set; } = "";

    public List<KeyValueRow> Labels { get; } = [new()];

    public List<KeyValueRow> Metadata { get; } = [];

    public bool IsEnabled { get; set; } = true;

    /// <summary>False: the instance's retry schedule.</summary>
    public bool CustomRetry { get; set; }

    public int MaxRetries { get; set; } = 5;

    /// <summary>Delays in seconds, comma-separated; the last repeats.</summary>
    public string Schedule { get; set; } = "10, 60, 300, 1800";

    /// <summary>Deliveries in flight at once for this subscription; null: no limit of its own.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>Deliveries started per second at most; null: no limit of its own.</summary>
    public int? RateLimitPerSecond { get; set; }

    /// <summary>Which signature headers are sent: "both", "standard" or "hook0".</summary>
    public string SignatureSchemes { get; set; } = "both";

    /// <summary>Adds <c>v1a</c> Ed25519 signatures (ADR 0008).</summary>
    public bool AsymmetricSignatures { get; set; }

    /// <summary>Worker names, comma-separated; empty: any worker.</summary>
    public string DedicatedWorkers { get; set; } = "";

    /// <summary>A new client certificate (PEM) for mutual TLS; empty: the stored ones are kept. Cleared once saved.</summary>
    public string ClientCertificatePem { get; set; } = "";

    /// <summary>The new certificate's private key (PEM): write-only, never filled from the server. Cleared once saved.</summary>
    public string ClientKeyPem { get; set; } = "";

    /// <summary>The stored certificate kept beside a new one (the rotation's second), by thumbprint; null when none is stored.</summary>
    public string? KeptCertificateThumbprint { get; set; }

    /// <summary>PEM bundle of the CA the receiver's certificate must chain to; empty: the system's trust.</summary>
    public string ServerCaPem { get; set; } = "";

    public static readonly IReadOnlyList<string> SchemeChoices = ["both", "standard", "hook0"];

    public static SubscriptionForm From(SubscriptionDto s)
    {
        var form = new SubscriptionForm
        {
            Description = s.Description ?? "",
            Method = s.Target.Method,
            Url = s.Target.Url,
            TargetType = s.Target.Type,
            EventTypes = [.. s.EventTypes.Where(t => !t.Contains('*', StringComparison.Ordinal))],
            Patterns = string.Join(", ", s.EventTypes.Where(t => t.Contains('*', StringComparison.Ordinal))),
            IsEnabled = s.IsEnabled,
            MaxConcurrency = s.MaxConcurrency,
            RateLimitPerSecond = s.RateLimitPerSecond,
            SignatureSchemes = s.SignatureSchemes,
            AsymmetricSignatures = s.PublicKey is not null,
            DedicatedWorkers = string.Join(", ", s.DedicatedWorkers),
            KeptCertificateThumbprint = s.ClientCertificates is [var newest, ..] ? newest.Thumbprint : null,
            ServerCaPem = s.ServerCaPem ?? "",
        };
        form.Headers.AddRange(s.Target.Headers.Select(h => new KeyValueRow { Key = h.Key, Value = h.Value }));
        form.Labels.Clear();
        form.Labels.AddRange(s.Labels.Select(h => new KeyValueRow { Key = h.Key, Value = h.Value }));
        form.Metadata.AddRange(s.Metadata.Select(h => new KeyValueRow { Key = h.Key, Value = h.Value }));
        if (s.RetryPolicy is { ValueKind: JsonValueKind.Object } policy)
        {
            form.CustomRetry = true;
            if (policy.TryGetProperty("max_retries", out var max) && max.TryGetInt32(out var n))
            {
                form.MaxRetries = n;
            }

            if (policy.TryGetProperty("schedule", out var schedule) && schedule.ValueKind == JsonValueKind.Array)
            {
                form.Schedule = string.Join(", ", schedule.EnumerateArray().Select(d => d.GetRawText()));
            }
        }

        return form;
    }

    public IReadOnlyList<string> AllEventTypes()
        => [.. EventTypes.Concat(Patterns.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal)];

    public static Dictionary<string, string> Map(IEnumerable<KeyValueRow> rows)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => !string.IsNullOrWhiteSpace(r.Key) || !string.IsNullOrWhiteSpace(r.Value)))
        {
            map[row.Key.Trim()] = row.Value.Trim();
        }

        return map;
    }

    /// <summary>The retry policy as the API takes it: null resets to the instance's schedule.</summary>
    /// <exception cref="FormatException">The schedule is not a list of whole seconds.</exception>
    public JsonElement RetryPolicy()
    {
        if (!CustomRetry)
        {
            return JsonDocument.Parse("null").RootElement.Clone();
        }

        var delays = Schedule.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        return JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["max_retries"] = MaxRetries, ["schedule"] = delays });
    }

    public CreateSubscriptionCommand ToCreate(Caller caller, Guid applicationId) => new(caller, Fields(applicationId));

    /// <summary>A full replace, as the API's PUT: every field the form shows is sent (the current subscription is not needed).</summary>
    public EditSubscriptionCommand ToEdit(Caller caller, Guid subscriptionId, Guid applicationId) => new(caller, subscriptionId, Fields(applicationId));

    private SubscriptionFields Fields(Guid applicationId)
        => new(applicationId, IsEnabled, AllEventTypes(), NullIfEmpty(Description), Map(Metadata), Map(Labels), null, null,
            Method, Url.Trim(), Map(Headers), Workers(), RetryPolicy(), Json(MaxConcurrency), Json(RateLimitPerSecond), Json(SignatureSchemes),
            Json(AsymmetricSignatures))
        {
            ClientCertificates = ClientCertificates(),
            ServerCaPem = Json(NullIfEmpty(ServerCaPem)),
            TargetType = TargetType,
        };

    /// <summary>A new certificate with the newest stored one kept (a rotation), or absent (the stored ones stay as they are).</summary>
    public JsonElement ClientCertificates()
    {
        if (string.IsNullOrWhiteSpace(ClientCertificatePem) && string.IsNullOrWhiteSpace(ClientKeyPem))
        {
            return default;
        }

        var added = new Dictionary<string, string> { ["certificate"] = ClientCertificatePem.Trim(), ["private_key"] = ClientKeyPem.Trim() };
        object[] entries = KeptCertificateThumbprint is { } kept ? [new Dictionary<string, string> { ["thumbprint"] = kept }, added] : [added];
        return JsonSerializer.SerializeToElement(entries);
    }

    /// <summary>Forgets the key material typed in, once the server has it (it is never shown again).</summary>
    public void ForgetKeyMaterial()
    {
        ClientCertificatePem = "";
        ClientKeyPem = "";
    }

    /// <summary>Null when none is named (any worker), as the API takes it.</summary>
    public IReadOnlyList<string>? Workers()
        => DedicatedWorkers.Split([',', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } names ? names : null;

    private static JsonElement Json<T>(T? value) => JsonSerializer.SerializeToElement(value);

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
