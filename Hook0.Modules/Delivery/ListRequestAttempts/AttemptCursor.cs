using System.Text;
using System.Text.Json;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Delivery.ListRequestAttempts;

/// <summary>Upstream's keyset cursor: base64url (padded) of <c>{"date": rfc3339, "id": uuid}</c> of the last row.</summary>
internal sealed record AttemptCursor(DateTime Date, Guid Id)
{
    public string Encode()
    {
        var json = JsonSerializer.Serialize(new { date = Date.ToString("O", System.Globalization.CultureInfo.InvariantCulture), id = Id });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).Replace('+', '-').Replace('/', '_');
    }

    public static AttemptCursor Decode(string text)
    {
        try
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Convert.FromBase64String(base64));
            return new AttemptCursor(json.RootElement.GetProperty("date").GetDateTime().ToUniversalTime(), json.RootElement.GetProperty("id").GetGuid());
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw Problems.InvalidParameter.With("The parameter 'pagination_cursor' is malformed.");
        }
    }
}
