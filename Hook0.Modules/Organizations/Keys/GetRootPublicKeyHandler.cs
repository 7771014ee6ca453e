using Hook0.Modules.Organizations.Contracts;
using Mediator;

namespace Hook0.Modules.Organizations.Keys;

internal sealed class GetRootPublicKeyHandler(BiscuitRootKey key) : IQueryHandler<GetRootPublicKeyQuery, string>
{
    public ValueTask<string> Handle(GetRootPublicKeyQuery query, CancellationToken cancellationToken)
        => ValueTask.FromResult("ed25519/" + key.PublicKeyHex);
}
