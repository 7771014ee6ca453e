using Hook0.Modules;
using Hook0.Modules.Dashboard;
using Hook0.Modules.Kernel.DataProtection;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Http;
using Hook0.Modules.Kernel.Observability;
using Hook0.Modules.Kernel.OpenApi;
using Hook0.Modules.Kernel.Persistence;
using Hook0.Modules.Kernel.RateLimiting;
using Hook0.Modules.Kernel.Secrets;
using Hook0.Modules.Kernel.Settings;
using Hook0.Web;
using Hook0.Web.Components;
using Hook0.Web.QuickStart;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
if (SettingsValidator.Validate(builder.Configuration) is { Count: > 0 } invalid)
{
    await Console.Error.WriteLineAsync($"Hook0 cannot start, invalid settings:{Environment.NewLine}  {string.Join($"{Environment.NewLine}  ", invalid)}");
    Environment.ExitCode = 1;
    return;
}

if (string.Equals(builder.Configuration["LOG_FORMAT"], "json", StringComparison.OrdinalIgnoreCase))
{
    builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
}

builder.UseUpstreamListenSettings();
// The dashboard's assets (its own, Blazor's, MudBlazor's) from a build output in any environment, not
// only Development; a published app has them in wwwroot, and this finds no manifest there and does nothing.
builder.WebHost.UseStaticWebAssets();
var quickStart = await QuickStartSetup.PrepareAsync(builder.Configuration);
if (SecretsOptions.MissingInProduction(builder.Configuration, builder.Environment.IsProduction()) is { } missing)
{
    await Console.Error.WriteLineAsync($"Hook0 cannot start: {missing}");
    Environment.ExitCode = 1;
    return;
}

builder.Services.AddHook0Modules(builder.Configuration);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddDashboard();
builder.Services.GateKeyRingWarmUp();

var app = builder.Build();
quickStart?.AttachTo(app);

app.UseHook0ForwardedHeaders();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseDatabaseReadinessGate();
app.UseApiProblemStatusCodes();
app.UseRequestBodyLimit();
app.UseTrailingSlashTrimming();
app.UseRouting();
app.UseMetricsPortIsolation();
app.UseHook0Cors();
app.UseAuthentication();
app.UseHook0RateLimiting();
app.UseAuthorization();
// After authorization: its fallback policy re-authenticates with the bearer scheme and would replace the session's user.
app.UseDashboardSessions();
app.UseAntiforgery();

var roles = RolesOptions.From(app.Configuration);
app.MapStaticAssets().AllowAnonymous();
app.MapHook0Modules();
if (roles.ApiEnabled)
{
    // The reference must work where the server runs, often without internet: its script is served by the server, and
    // nothing is asked of the outside (no web fonts, telemetry, AI agent or hosted tools).
    app.MapScalarApiReference("/api/documentation", o => o.AddDocument(OpenApiDocumentSetup.DocumentName)
        .WithOpenApiRoutePattern(OpenApiDocumentSetup.Route)
        .DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp().HideDeveloperTools()).AllowAnonymous();
}

if (roles.DashboardEnabled)
{
    app.MapDashboard();
    app.MapRazorComponents<App>()
        .AddInteractiveServerRenderMode()
        .AddAdditionalAssemblies(typeof(ModulesRegistration).Assembly)
        .AllowAnonymous();
}

app.MapNotFoundFallback();

await app.RunAsync();
