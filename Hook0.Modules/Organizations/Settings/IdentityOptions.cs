using System.ComponentModel.DataAnnotations;
using Hook0.Modules.Kernel.Settings;
using Hook0.Modules.Organizations.Passwords;
using Microsoft.Extensions.Configuration;

namespace Hook0.Modules.Organizations.Settings;

/// <summary>Account and token settings, under upstream's environment variable names.</summary>
public sealed class IdentityOptions
{
    /// <summary>Ed25519 private key in hex: signs every Biscuit this instance mints.</summary>
    [Setting("Authentication", "Ed25519 private key (hex) signing the Biscuit tokens of this instance", Sensitive = true)]
    [ConfigurationKeyName("BISCUIT_PRIVATE_KEY")]
    public string? BiscuitPrivateKey { get; set; }

    [Setting("Authentication", "Refuse new user registrations")]
    [ConfigurationKeyName("DISABLE_REGISTRATION")]
    public bool DisableRegistration { get; set; }

    [Setting("Authentication", "Shortest accepted password")]
    [ConfigurationKeyName("PASSWORD_MINIMUM_LENGTH")]
    [Range(1, PasswordPolicy.MaximumLength)]
    public int PasswordMinimumLength { get; set; } = 12;
}
