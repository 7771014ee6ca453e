using Hook0.Modules.Kernel.Audit;
using FluentValidation;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.Validation;
using Hook0.Modules.Organizations.Contracts;
using Hook0.Modules.Organizations.Data;
using Hook0.Modules.Organizations.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Organizations.PortalSessions;

/// <summary>
/// Origins are exact <c>scheme://host[:port]</c> (what <c>frame-ancestors</c> compares; no path, no wildcard, so a
/// typo cannot open framing to everyone); the logo an absolute http(s) URL; the accent <c>#rrggbb</c> (checked
/// character by character: no pattern runs on this input).
/// </summary>
internal sealed class EditPortalSettingsValidator : AbstractValidator<EditPortalSettingsCommand>
{
    public EditPortalSettingsValidator()
    {
        RuleFor(c => c.AllowedOrigins)
            .Must(o => o.Count <= PortalSettings.MaxOrigins).WithErrorCode("allowed-origins-size").WithMessage($"must contain at most {PortalSettings.MaxOrigins} origins")
            .Must(o => o.All(IsOrigin)).WithErrorCode("allowed-origins-origin").WithMessage("each must be an origin such as https://app.example.com (scheme, host and port only)");
        RuleFor(c => c.DisplayName).Chars(1, PortalSettings.DisplayNameMaxLength).NoControlCharacters();
        RuleFor(c => c.LogoUrl)
            .Must(u => u is null || (u.Length <= PortalSettings.LogoUrlMaxLength && Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            .WithErrorCode("logo-url").WithMessage($"must be an absolute http(s) URL of at most {PortalSettings.LogoUrlMaxLength} characters");
        RuleFor(c => c.AccentColor)
            .Must(c => c is null || (c.Length == 7 && c[0] == '#' && c.Skip(1).All(char.IsAsciiHexDigit)))
            .WithErrorCode("accent-color").WithMessage("must be a colour such as #3f51b5");
        RuleFor(c => c.Theme).Must(t => t is "light" or "dark").WithErrorCode("theme").WithMessage("must be light or dark");
    }

    public static bool IsOrigin(string origin)
        => origin.Length <= PortalSettings.OriginMaxLength
            && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && uri.Scheme is "https" or "http"
            && string.IsNullOrEmpty(uri.UserInfo)
            && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase);
}

internal sealed class EditPortalSettingsHandler(OrganizationsDbContext db, AuditTrail audit, TimeProvider time) : ICommandHandler<EditPortalSettingsCommand, PortalSettingsDto>
{
    public async ValueTask<PortalSettingsDto> Handle(EditPortalSettingsCommand command, CancellationToken cancellationToken)
    {
        var settings = await db.PortalSettings.FirstOrDefaultAsync(s => s.ApplicationId == command.ApplicationId, cancellationToken);
        if (settings is null)
        {
            settings = new PortalSettings { ApplicationId = command.ApplicationId };
            db.PortalSettings.Add(settings);
        }

        settings.AllowedOrigins = [.. command.AllowedOrigins.Select(o => o.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
        settings.DisplayName = command.DisplayName;
        settings.LogoUrl = command.LogoUrl;
        settings.AccentColor = command.AccentColor?.ToLowerInvariant();
        settings.Theme = command.Theme;
        settings.UpdatedAt = time.UtcNowForDatabase();
        await audit.SaveChangesAsync(db, new AuditChange(null, "portal_settings", command.ApplicationId, "update") { ApplicationId = command.ApplicationId }, cancellationToken);
        return GetPortalSettingsHandler.ToDto(settings);
    }
}
