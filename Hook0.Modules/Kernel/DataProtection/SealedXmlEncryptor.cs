using System.Xml.Linq;
using Hook0.Modules.Kernel.Secrets;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Kernel.DataProtection;

/// <summary>
/// Encrypts each element of the host's key ring with <see cref="SecretBox"/> (AES-256-GCM under a key derived
/// by HKDF from <c>SECRETS_ENCRYPTION_KEY</c>, the purpose authenticated), so the database alone (a dump, a
/// replica) holds no key that could forge a session cookie or an antiforgery token. Reusing the box gives the
/// host's ring the same key rotation as every other secret at rest: previous keys still open what they sealed.
/// </summary>
internal sealed class SealedXmlEncryptor(SecretBox box) : IXmlEncryptor
{
    internal const string ElementName = "sealedByHook0";
    internal const string Purpose = "infrastructure.data_protection_key";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var element = new XElement(ElementName, box.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose));
        return new EncryptedXmlInfo(element, typeof(SealedXmlDecryptor));
    }
}

/// <summary>
/// Reverses <see cref="SealedXmlEncryptor"/>. Data Protection creates it by the type name stored in the row,
/// with its service provider, hence public and this constructor.
/// </summary>
public sealed class SealedXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var box = services.GetRequiredService<SecretBox>();
        return XElement.Parse(box.Open(encryptedElement.Value, SealedXmlEncryptor.Purpose));
    }
}
