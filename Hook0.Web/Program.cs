using Hook0.Modules;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Http;
using Hook0.Modules.Kernel.OpenApi;
using Hook0.Modules.Kernel.RateLimiting;
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
var quickStart = await QuickStartSetup.PrepareAsync(builder.Configuration);

builder.Services.AddHook0Modules(builder.Configuration);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
quickStart?.AttachTo(app);

app.UseHook0ForwardedHeaders();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseApiProblemStatusCodes();
app.UseRequestBodyLimit();
app.UseTrailingSlashTrimming();
app.UseRouting();
app.UseHook0Cors();
app.UseAuthentication();
app.UseHook0RateLimiting();
app.UseAuthorization();
app.UseAntiforgery();

var roles = RolesOptions.From(app.Configuration);
app.MapStaticAssets().AllowAnonymous();
app.MapHook0Modules();
if (roles.ApiEnabled)
{
    app.MapScalarApiReference("/api/documentation", o => o.AddDocument(OpenApiDocumentSetup.DocumentName)
        .WithOpenApiRoutePattern(OpenApiDocumentSetup.Route)).AllowAnonymous();
}

if (roles.DashboardEnabled)
{
    app.MapRazorComponents<App>()
        .AddInteractiveServerRenderMode()
        .AddAdditionalAssemblies(typeof(ModulesRegistration).Assembly)
        .AllowAnonymous();
}

app.MapNotFoundFallback();

await app.RunAsync();
