using System.Security.Cryptography;
using System.Text;
using Hook0.Modules.Kernel.Settings;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Auth;

/// <summary>Recognizes the instance's <c>MASTER_API_KEY</c> (compared in constant time).</summary>
internal sealed class MasterKeyResolver(IOptions<ServerOptions> options) : IBearerCredentialResolver
{
    private readonly byte[]? _key = string.IsNullOrWhiteSpace(options.Value.MasterApiKey)
        ? null
        : Encoding.UTF8.GetBytes(options.Value.MasterApiKey.Trim());

    public int Order => 0;

    public ValueTask<Caller?> ResolveAsync(string bearer, CancellationToken cancellationToken)
    {
        if (_key is null)
        {
            return ValueTask.FromResult<Caller?>(null);
        }

        var given = Encoding.UTF8.GetBytes(bearer);
        return ValueTask.FromResult(CryptographicOperations.FixedTimeEquals(given, _key) ? Caller.MasterKey : null);
    }
}
