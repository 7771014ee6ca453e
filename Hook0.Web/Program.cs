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

var app = builder.Build();
quickStart?.AttachTo(app);

app.UseExceptionHandler();
app.UseApiProblemStatusCodes();
app.UseRequestBodyLimit();
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
