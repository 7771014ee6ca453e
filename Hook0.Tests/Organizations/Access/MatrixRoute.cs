namespace Hook0.Tests.Organizations.Access;

/// <summary>What kind of action a route performs, which decides who may call it (reference §6.3).</summary>
public enum ActionKind
{
    /// <summary>A read: editors, viewers, service tokens, the master key.</summary>
    Read,

    /// <summary>A change: editors, service tokens, the master key; never viewers.</summary>
    Write,

    /// <summary><c>organization:list</c>: anyone with a session or token (each sees their own).</summary>
    OrganizationList,

    /// <summary><c>organization:create</c>: user sessions, and the master key (ADR 0004).</summary>
    OrganizationCreate,

    /// <summary><c>auth:logout</c>, <c>auth:change_password</c>: user sessions only.</summary>
    SessionOnly,

    /// <summary>
    /// <c>portal_session:create</c> (ADR 0028): editors and service tokens, whose revocation ends what they issue; not
    /// the master key or an application secret, which the portal token could not name.
    /// </summary>
    PortalIssue,
}

/// <summary>
/// One protected route of the matrix: how to build a request against the world (creating, with the
/// master key, whatever the call will consume), whether it acts on an application, and which success
/// statuses prove authorization passed.
/// </summary>
public sealed record MatrixRoute(
    string Method,
    string Pattern,
    ActionKind Kind,
    bool ApplicationScoped,
    Func<AccessWorld, HttpClient, Credential, Task<(string Url, object? Body)>> Build,
    params int[] Statuses)
{
    public string Key => $"{Method} {Pattern}";

    /// <summary>The batch route answers 207 and refuses item by item (each result carries the 403 problem).</summary>
    public bool RefusesPerItem => Pattern == "/api/v1/events/batch";

    public bool Allows(Credential credential) => Kind switch
    {
        ActionKind.SessionOnly => credential is Credential.Editor or Credential.Viewer or Credential.OutsiderEditor,
        ActionKind.OrganizationList => credential is not Credential.ApplicationSecret,
        ActionKind.OrganizationCreate => credential is Credential.Editor or Credential.Viewer or Credential.OutsiderEditor or Credential.Master,
        ActionKind.PortalIssue => credential is Credential.Editor or Credential.ServiceToken,
        _ => credential switch
        {
            Credential.OutsiderEditor or Credential.OutsiderServiceToken => false,
            Credential.ApplicationSecret => ApplicationScoped,
            Credential.Viewer => Kind == ActionKind.Read,
            _ => true,
        },
    };

    public override string ToString() => Key;
}
