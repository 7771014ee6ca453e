namespace Hook0.Biscuit.Errors;

/// <summary>Every way a Biscuit operation can fail; each value maps to one error of the reference implementation.</summary>
public enum BiscuitErrorKind
{
    /// <summary>The token text is not valid URL-safe base64.</summary>
    InvalidBase64,
    /// <summary>The bytes are not a valid protobuf message, or a required field is missing.</summary>
    Deserialization,
    /// <summary>The token exceeds the configured size limit.</summary>
    TokenTooLarge,
    /// <summary>A signature has the wrong length or encoding for its algorithm.</summary>
    InvalidSignatureFormat,
    /// <summary>A signature does not verify, or the proof does not match the last key.</summary>
    InvalidSignature,
    /// <summary>A key has an unknown algorithm, a wrong size or is not a valid curve point.</summary>
    InvalidKey,
    /// <summary>No root public key is known for the token's root key id.</summary>
    UnknownRootKey,
    /// <summary>A block or signature version is outside the supported range or too low for the features it uses.</summary>
    UnsupportedVersion,
    /// <summary>A block redefines a symbol already present in the symbol table.</summary>
    SymbolTableOverlap,
    /// <summary>A block redefines a public key already present in the public key table.</summary>
    PublicKeyTableOverlap,
    /// <summary>A symbol index points outside the symbol table.</summary>
    UnknownSymbol,
    /// <summary>A public key index points outside the public key table.</summary>
    UnknownPublicKey,
    /// <summary>The token is sealed and cannot be attenuated.</summary>
    AlreadySealed,
    /// <summary>A third-party block was requested for a sealed token.</summary>
    AppendOnSealed,
    /// <summary>Datalog source text does not parse.</summary>
    Parse,
    /// <summary>A builder parameter was not supplied or has no matching placeholder.</summary>
    MissingParameter,
    /// <summary>A rule in a token block uses a head variable that no body predicate binds.</summary>
    InvalidBlockRule,
    /// <summary>Integer arithmetic overflowed.</summary>
    Overflow,
    /// <summary>An operation was applied to values of the wrong type.</summary>
    InvalidType,
    /// <summary>Integer division by zero (or <c>long.MinValue / -1</c>).</summary>
    DivideByZero,
    /// <summary>A closure parameter reuses a variable name that is already bound.</summary>
    ShadowedVariable,
    /// <summary>An expression left the evaluation stack in an invalid state.</summary>
    InvalidStack,
    /// <summary>An expression uses a variable that is not bound.</summary>
    UnknownVariable,
    /// <summary>An expression calls an external function the host did not register.</summary>
    UndefinedExtern,
    /// <summary>A host (external) function failed.</summary>
    ExternEvalError,
    /// <summary>The fact limit was reached.</summary>
    TooManyFacts,
    /// <summary>The iteration limit was reached.</summary>
    TooManyIterations,
    /// <summary>The time limit was reached.</summary>
    Timeout,
    /// <summary>Authorization denied (raised only by <c>EnsureAuthorized</c>).</summary>
    Unauthorized,
    /// <summary>A third-party block does not match the token it is appended to.</summary>
    InvalidThirdPartyBlock,
}
