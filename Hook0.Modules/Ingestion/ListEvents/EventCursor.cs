using System.Globalization;
using System.Text;
using Hook0.Modules.Kernel.Errors;

namespace Hook0.Modules.Ingestion.ListEvents;

/// <summary>
/// A position in the list: the row's (received_at, event_id), and whether to read the events older
/// (the API's <c>next</c> link, unchanged format) or newer than it (the dashboard's way back).
/// </summary>
internal sealed record EventCursor(DateTime At, Guid Id, bool Newer)
{
    private const string NewerMark = "newer";

    public string Encode()
    {
        var text = $"{At.ToString("O", CultureInfo.InvariantCulture)}|{Id}{(Newer ? "|" + NewerMark : "")}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).Replace('+', '-').Replace('/', '_');
    }

    public static EventCursor Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/')));
            var parts = text.Split('|');
            if (parts.Length is < 2 or > 3 || (parts.Length == 3 && parts[2] != NewerMark))
            {
                throw new FormatException("unexpected cursor shape");
            }

            var at = DateTime.Parse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime();
            return new EventCursor(at, Guid.Parse(parts[1]), parts.Length == 3);
        }
        catch (FormatException)
        {
            throw Problems.InvalidParameter.With("The parameter 'cursor' is malformed.");
        }
    }
}
