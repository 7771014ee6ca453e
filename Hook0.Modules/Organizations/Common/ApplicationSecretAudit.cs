namespace Hook0.Modules.Organizations.Common;

/// <summary>
/// How an application secret is named in the audit log: by the prefix of its keyed hash, never by the secret. The
/// same key a request made with that secret is recorded under (its actor id, see ApplicationSecretResolver), so what a
/// secret did and its creation and deletion can be matched.
/// </summary>
internal static class ApplicationSecretAudit
{
    public static string EntityId(byte[]? hash) => hash is null ? "secret:unknown" : "secret:" + Convert.ToHexStringLower(hash)[..32];
}
