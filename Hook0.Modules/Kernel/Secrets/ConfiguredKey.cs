using System.Security.Cryptography;

namespace Hook0.Modules.Kernel.Secrets;

/// <summary>A configured secrets key and a short fingerprint naming it (so a wrong or retired key is reported as such).</summary>
public sealed class ConfiguredKey
{
    internal const int NonceSize = 12;
    internal const int TagSize = 16;

    internal ConfiguredKey(byte[] bytes)
    {
        Bytes = bytes;
        Id = Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 8));
    }

    internal byte[] Bytes { get; }

    internal string Id { get; }
}

/// <summary>The current key (seals) and every key still accepted to open (the current one first).</summary>
public sealed class ConfiguredKeys
{
    internal ConfiguredKeys(ConfiguredKey current, IEnumerable<ConfiguredKey> previous)
    {
        Current = current;
        All = [current, .. previous.Where(k => k.Id != current.Id)];
    }

    internal ConfiguredKey Current { get; }

    internal IReadOnlyList<ConfiguredKey> All { get; }

    internal ConfiguredKey? Find(string? id) => All.FirstOrDefault(k => k.Id == id);
}
