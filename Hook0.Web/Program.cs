using Hook0.Modules;
using Hook0.Modules.Kernel.Errors;
using Hook0.Modules.Kernel.Http;
using Hook0.Web;
using Hook0.Web.Components;
using Hook0.Web.QuickStart;

var builder = WebApplication.CreateBuilder(args);
builder.UseUpstreamListenSettings();
var quickStart = await QuickStartSetup.PrepareAsync(builder.Configuration);

builder.Services.AddHook0Modules(builder.Configuration);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.WebHost.ConfigureKestrel(kestrel =>
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue("MAX_REQUEST_BODY_BYTES", 2L * 1024 * 1024));

var app = builder.Build();
quickStart?.AttachTo(app);

app.UseExceptionHandler();
app.UseApiProblemStatusCodes();
app.UseTrailingSlashTrimming();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHook0Modules();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .AddAdditionalAssemblies(typeof(ModulesRegistration).Assembly)
    .AllowAnonymous();

await app.RunAsync();
