using Microsoft.Extensions.DependencyInjection;

namespace Hook0.Modules.Organizations.Passwords;

/// <summary>Registers the password hasher and policy (both stateless singletons).</summary>
internal static class PasswordsSetup
{
    public static IServiceCollection AddHook0Passwords(this IServiceCollection services)
    {
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<PasswordPolicy>();
        return services;
    }
}
