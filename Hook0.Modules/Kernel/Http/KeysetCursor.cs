using System.Globalization;
using System.Text;
using System.Text.Json;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Kernel.Http;

/// <summary>
/// Upstream's keyset cursor shape, for any list ordered by (time, id) newest first: base64url (padded) of
/// <c>{"date": rfc3339, "id": uuid}</c> of the last row (the attempt list's own cursor has the same format).
/// </summary>
public sealed record KeysetCursor(DateTime Date, Guid Id)
{
    public string Encode()
    {
        var json = JsonSerializer.Serialize(new { date = Date.ToString("O", CultureInfo.InvariantCulture), id = Id });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).Replace('+', '-').Replace('/', '_');
    }

    public static KeysetCursor Decode(string text, string parameter = "pagination_cursor")
    {
        try
        {
            if (text.Length > 200)
            {
                throw new FormatException();
            }

            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Convert.FromBase64String(base64));
            return new KeysetCursor(json.RootElement.GetProperty("date").GetDateTime().ToUniversalTime(), json.RootElement.GetProperty("id").GetGuid());
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw Problems.InvalidParameter.With($"The parameter '{parameter}' is malformed.");
        }
    }
}
