using System.Collections.Immutable;
using Hook0.Biscuit.Crypto;
using Hook0.Biscuit.Datalog;

namespace Hook0.Biscuit.Engine;

/// <summary>Computes which origins a rule, check or policy may read (specification §7).</summary>
internal sealed class TrustResolver(IReadOnlyList<PublicKey?> externalKeys)
{
    /// <summary>
    /// Rule-level scopes replace the block's; with neither, a block trusts the authority, itself and
    /// the authorizer. The current block and the authorizer are always trusted.
    /// </summary>
    public Origin Resolve(ulong blockId, ImmutableArray<Scope> ruleScopes, ImmutableArray<Scope> blockScopes)
    {
        var scopes = !ruleScopes.IsEmpty ? ruleScopes : blockScopes;
        var ids = new List<ulong> { Origin.AuthorizerId, blockId };
        if (scopes.IsEmpty)
        {
            ids.Add(0);
            return Origin.Of(ids);
        }

        foreach (var scope in scopes)
        {
            switch (scope.Kind)
            {
                case ScopeKind.Authority:
                    ids.Add(0);
                    break;
                case ScopeKind.Previous when blockId != Origin.AuthorizerId:
                    for (ulong id = 0; id <= blockId; id++)
                    {
                        ids.Add(id);
                    }

                    break;
                case ScopeKind.PublicKey:
                    for (var id = 0; id < externalKeys.Count; id++)
                    {
                        if (scope.PublicKey!.Equals(externalKeys[id]))
                        {
                            ids.Add((ulong)id);
                        }
                    }

                    break;
            }
        }

        return Origin.Of(ids);
    }
}
