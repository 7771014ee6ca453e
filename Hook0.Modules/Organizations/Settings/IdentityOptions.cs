using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Organizations.Settings;

/// <summary>Account and token settings, under upstream's environment variable names.</summary>
public sealed class IdentityOptions
{
    /// <summary>Ed25519 private key in hex: signs every Biscuit this instance mints.</summary>
    [ConfigurationKeyName("BISCUIT_PRIVATE_KEY")]
    public string? BiscuitPrivateKey { get; set; }

    [ConfigurationKeyName("DISABLE_REGISTRATION")]
    public bool DisableRegistration { get; set; }

    [ConfigurationKeyName("PASSWORD_MINIMUM_LENGTH")]
    public int PasswordMinimumLength { get; set; } = 12;
}
