using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Organizations.Email;

/// <summary>Registers the e-mail settings, the templates and the sender chosen by <c>SMTP_CONNECTION_URL</c>.</summary>
internal static class EmailSetup
{
    public static IServiceCollection AddHook0Email(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration);
        services.AddSingleton<EmailMessages>();
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<LogEmailSender>();
        services.AddSingleton<IEmailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<EmailOptions>>().Value.SmtpConnectionUrl)
            ? sp.GetRequiredService<LogEmailSender>()
            : sp.GetRequiredService<SmtpEmailSender>());
        return services;
    }
}
