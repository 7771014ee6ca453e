using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using MailKit.Security;

namespace Hook0.Modules.Organizations.Email;

/// <summary>
/// <c>SMTP_CONNECTION_URL</c>, read like upstream's (lettre) URLs so one value configures both:
/// <list type="bullet">
/// <item><c>smtps://[user:password@]host[:port]</c>: TLS from the first byte (port 465 by default).</item>
/// <item><c>smtp://[user:password@]host[:port]?tls=required</c>: STARTTLS, refused without it (port 587 by default).</item>
/// <item><c>smtp://…?tls=opportunistic</c>, or no <c>tls</c>: STARTTLS when the server offers it (port 25 by default).</item>
/// <item><c>smtp://…?tls=none</c> (or <c>false</c>): plain text, for a relay on the same host.</item>
/// </list>
/// User and password are percent-encoded (<c>%40</c> for '@'). Other query parameters are ignored.
/// </summary>
internal sealed record SmtpConnection(string Host, int Port, SecureSocketOptions Security, string? User, string? Password)
{
    public static bool TryParse(string? url, [NotNullWhen(true)] out SmtpConnection? connection, out string? error)
    {
        connection = null;
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("smtp" or "smtps") || uri.Host.Length == 0)
        {
            error = "must be an smtp:// or smtps:// URL with a host";
            return false;
        }

        var tls = Query(uri, "tls")?.ToLowerInvariant();
        SecureSocketOptions security;
        int defaultPort;
        if (uri.Scheme == "smtps")
        {
            (security, defaultPort) = (SecureSocketOptions.SslOnConnect, 465);
        }
        else
        {
            switch (tls)
            {
                case "required": (security, defaultPort) = (SecureSocketOptions.StartTls, 587); break;
                case null or "" or "opportunistic": (security, defaultPort) = (SecureSocketOptions.StartTlsWhenAvailable, 25); break;
                case "none" or "false": (security, defaultPort) = (SecureSocketOptions.None, 25); break;
                default:
                    error = "tls must be required, opportunistic or none";
                    return false;
            }
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            password = colon < 0 ? string.Empty : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        connection = new SmtpConnection(uri.IdnHost, uri.IsDefaultPort || uri.Port < 0 ? defaultPort : uri.Port, security, user, password);
        error = null;
        return true;
    }

    /// <summary>For logs and errors: never the credentials.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    private static string? Query(Uri uri, string name)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }
}
