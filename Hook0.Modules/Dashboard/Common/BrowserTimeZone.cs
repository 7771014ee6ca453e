using System.Text.Json;
using Microsoft.JSInterop;

namespace Hook0.Modules.Dashboard.Common;

/// <summary>
/// The browser's time zone, asked once per circuit (<c>Intl.DateTimeFormat().resolvedOptions().timeZone</c>, no script
/// file, no eval): times are shown where the user is. Null while prerendering (no JavaScript yet) or when the browser
/// names a zone this server does not know; the caller then shows UTC.
/// </summary>
public sealed class BrowserTimeZone(IJSRuntime js)
{
    private Task<TimeZoneInfo?>? _zone;

    public Task<TimeZoneInfo?> GetAsync() => _zone ??= AskAsync();

    private async Task<TimeZoneInfo?> AskAsync()
    {
        try
        {
            await using var format = await js.InvokeAsync<IJSObjectReference?>("Intl.DateTimeFormat");
            if (format is null)
            {
                return null; // a runtime without JavaScript (component tests): UTC
            }

            var options = await format.InvokeAsync<JsonElement>("resolvedOptions");
            var name = options.TryGetProperty("timeZone", out var zone) ? zone.GetString() : null;
            // IANA names are short; anything else is not a zone name.
            return name is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(name, out var found) ? found : TimeZoneInfo.Utc;
        }
        catch (Exception e) when (e is InvalidOperationException or JSException or TaskCanceledException or JSDisconnectedException)
        {
            // Prerendering (no circuit yet) or a closed circuit: ask again next time.
            _zone = null;
            return null;
        }
    }
}
