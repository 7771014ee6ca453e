namespace Hook0.Biscuit.Crypto;

/// <summary>The primitive operations of one signature algorithm, on raw key bytes as stored in tokens.</summary>
internal interface ISignatureScheme
{
    int PrivateKeyLength { get; }

    /// <summary>
    /// Validates public key bytes and returns a verification-ready handle, cached by <see cref="PublicKey"/>
    /// so a key is decoded once however many signatures it checks. Throws <see cref="Errors.BiscuitException"/> when invalid.
    /// </summary>
    object Prepare(ReadOnlySpan<byte> publicKey);

    byte[] DerivePublicKey(ReadOnlySpan<byte> privateKey);

    byte[] GeneratePrivateKey();

    byte[] Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> data);

    /// <summary>Throws <see cref="Errors.BiscuitException"/> of kind InvalidSignatureFormat for malformed signatures; returns false when the signature does not verify.</summary>
    bool Verify(object preparedKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}
