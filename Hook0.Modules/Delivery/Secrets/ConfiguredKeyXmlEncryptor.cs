using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Hook0.Modules.Kernel.Secrets;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Hook0.Modules.Delivery.Secrets;

/// <summary>
/// Encrypts each key-ring element with AES-256-GCM under <c>SECRETS_ENCRYPTION_KEY</c>, so the
/// database alone (a dump, a replica) holds no usable key and therefore no readable secret.
/// </summary>
internal sealed class ConfiguredKeyXmlEncryptor(ConfiguredKeys keys) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var key = keys.Current;
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[ConfiguredKey.NonceSize + ConfiguredKey.TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, ConfiguredKey.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Bytes, ConfiguredKey.TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(ConfiguredKey.NonceSize + ConfiguredKey.TagSize),
            sealedBytes.AsSpan(ConfiguredKey.NonceSize, ConfiguredKey.TagSize));
        CryptographicOperations.ZeroMemory(plain);
        var element = new XElement("aesGcmSealed", new XAttribute("keyId", key.Id), Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(ConfiguredKeyXmlDecryptor));
    }
}

/// <summary>
/// Reverses <see cref="ConfiguredKeyXmlEncryptor"/>. Data Protection creates it by type name with a
/// constructor taking its service provider, hence public.
/// </summary>
public sealed class ConfiguredKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var keys = services.GetService(typeof(ConfiguredKeys)) as ConfiguredKeys
            ?? throw new InvalidOperationException("The key ring is encrypted but SECRETS_ENCRYPTION_KEY is not set.");
        // A previous key (SECRETS_ENCRYPTION_PREVIOUS_KEYS) still opens what it sealed before a rotation.
        var key = keys.Find((string?)encryptedElement.Attribute("keyId"))
            ?? throw new InvalidOperationException("The key ring was encrypted with another SECRETS_ENCRYPTION_KEY than the ones configured.");
        return Open(key, encryptedElement);
    }

    internal static XElement Open(ConfiguredKey key, XElement encryptedElement)
    {
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        var plain = new byte[sealedBytes.Length - ConfiguredKey.NonceSize - ConfiguredKey.TagSize];
        using var aes = new AesGcm(key.Bytes, ConfiguredKey.TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, ConfiguredKey.NonceSize), sealedBytes.AsSpan(ConfiguredKey.NonceSize + ConfiguredKey.TagSize),
            sealedBytes.AsSpan(ConfiguredKey.NonceSize, ConfiguredKey.TagSize), plain);
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
