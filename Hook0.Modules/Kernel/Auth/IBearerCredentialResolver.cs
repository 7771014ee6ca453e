namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// Turns a bearer string into a caller. Modules contribute resolvers (application secrets, Biscuit
/// tokens) without the Kernel knowing about them; the first resolver that recognizes the string wins.
/// </summary>
public interface IBearerCredentialResolver
{
    /// <summary>Runs before resolvers with a higher order; cheap checks go first.</summary>
    int Order { get; }

    /// <returns>The caller, or null when this resolver does not recognize the credential.</returns>
    ValueTask<Caller?> ResolveAsync(string bearer, CancellationToken cancellationToken);
}
