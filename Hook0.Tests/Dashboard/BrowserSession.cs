using Microsoft.Playwright;

namespace Hook0.Tests.Dashboard;

/// <summary>
/// Debian's Chromium driven by Playwright (never a browser download: scripts/test.sh installs the
/// package when it is missing), with helpers that wait for the Blazor circuit before typing.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private BrowserSession(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<BrowserSession> LaunchAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // CI shares two cores with builds: give a page more than the default 5 s to answer.
        Assertions.SetDefaultExpectTimeout(20_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new BrowserSession(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>Page helpers: fields and buttons are found by their <c>data-test</c> names.</summary>
public static class PageExtensions
{
    public static async Task GoAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>The circuit is up (the shell renders a marker only when interactive).</summary>
    public static Task WaitForInteractiveAsync(this IPage page)
        => page.Locator("#hook0-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });

    public static ILocator Test(this IPage page, string name) => page.Locator($"[data-test=\"{name}\"]");

    /// <summary>The input of a MudBlazor field carrying <c>data-test</c> (on the input itself or on its wrapper).</summary>
    public static ILocator Field(this IPage page, string name)
        => page.Locator($"input[data-test=\"{name}\"], textarea[data-test=\"{name}\"], [data-test=\"{name}\"] input, [data-test=\"{name}\"] textarea").First;

    public static async Task FillFieldAsync(this IPage page, string name, string value)
    {
        var field = page.Field(name);
        await field.FillAsync(value);
        await field.DispatchEventAsync("change"); // MudBlazor binds on change unless Immediate
        await Assertions.Expect(field).ToHaveValueAsync(value);
    }

    /// <summary>Answers the confirmation dialog a destructive action opens, with its action button or with Cancel.</summary>
    public static async Task AnswerDialogAsync(this IPage page, string button)
    {
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "artifacts", "dashboard");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }
}
