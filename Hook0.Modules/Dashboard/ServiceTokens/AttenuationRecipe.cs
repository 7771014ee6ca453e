using System.Globalization;
using System.Text;
using Hook0.Modules.Kernel.Auth;

namespace Hook0.Modules.Dashboard.ServiceTokens;

/// <summary>
/// The attenuation block the form describes, in the Datalog upstream documents (reference §6.4): each
/// restriction is a check the token's holder cannot remove, evaluated by the server on every request.
/// </summary>
public static class AttenuationRecipe
{
    public static string Build(Guid? applicationId, bool readOnly, DateTimeOffset? expiresAt, string? extra = null)
    {
        var code = new StringBuilder();
        if (applicationId is { } app)
        {
            // Upstream's fact carries the UUID's 16 bytes (RFC 4122 order); organization-level actions carry none, so they fail.
            code.Append("check if application_id(hex:").Append(Convert.ToHexStringLower(app.ToByteArray(bigEndian: true))).AppendLine(");");
        }

        if (readOnly)
        {
            var actions = string.Join(", ", Actions.ReadActions.Select(a => a.Name).Order(StringComparer.Ordinal).Select(a => $"\"{a}\""));
            code.Append("check if action($a), {").Append(actions).AppendLine("}.contains($a);");
        }

        if (expiresAt is { } expiry)
        {
            code.Append("check if time($t), $t <= ")
                .Append(expiry.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
                .AppendLine(";");
        }

        if (!string.IsNullOrWhiteSpace(extra))
        {
            code.AppendLine(extra.Trim());
        }

        return code.ToString();
    }
}
