using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Dashboard.Bench;
using Microsoft.Playwright;

// bench/dashboard.sh starts PostgreSQL and the server and passes them here.
var baseUrl = Environment.GetEnvironmentVariable("HOOK0_URL") ?? throw new InvalidOperationException("HOOK0_URL is required");
var masterKey = Environment.GetEnvironmentVariable("MASTER_API_KEY") ?? throw new InvalidOperationException("MASTER_API_KEY is required");
var database = Environment.GetEnvironmentVariable("DATABASE_URL") ?? throw new InvalidOperationException("DATABASE_URL is required");
var rows = int.Parse(Environment.GetEnvironmentVariable("BENCH_ROWS") ?? "1000000", CultureInfo.InvariantCulture);
var runs = int.Parse(Environment.GetEnvironmentVariable("BENCH_RUNS") ?? "5", CultureInfo.InvariantCulture);
const string Email = "bench@example.com";
const string Password = "Bench-dashboard-2026!";

using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", masterKey);
async Task<JsonNode> PostAsync(string path, object body)
{
    var response = await http.PostAsJsonAsync("/api/v1" + path, body);
    var text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode ? JsonNode.Parse(text)! : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
}

// A verified user (AUTO_VERIFY_USERS) whose personal organization holds the big application.
var registration = await PostAsync("/register", new { first_name = "Bench", last_name = "Mark", email = Email, password = Password });
var organizationId = registration["organization_id"]!.GetValue<Guid>();
var applicationId = (await PostAsync("/applications", new { organization_id = organizationId, name = "Big shop" }))["application_id"]!.GetValue<Guid>();
var types = new List<string>();
foreach (var (resource, verb) in new[] { ("order", "created"), ("order", "paid"), ("invoice", "sent") })
{
    types.Add((await PostAsync("/event_types", new { application_id = applicationId, service = "shop", resource_type = resource, verb }))["event_type_name"]!.GetValue<string>());
}

var subscriptions = new List<Guid>();
foreach (var name in new[] { "warehouse", "accounting", "crm" })
{
    subscriptions.Add((await PostAsync("/subscriptions", new
    {
        application_id = applicationId, is_enabled = true, event_types = types, description = name, labels = new Dictionary<string, string> { ["env"] = "prod" },
        target = new { type = "http", method = "POST", url = $"https://{name}.example.com/hooks", headers = new Dictionary<string, string>() },
    }))["subscription_id"]!.GetValue<Guid>());
}

Console.Error.WriteLine($"Seeding {rows:N0} events and attempts…");
var seedWatch = Stopwatch.StartNew();
await Seeder.SeedAsync(database, applicationId, types, subscriptions, rows);
Console.Error.WriteLine($"Seeded in {seedWatch.Elapsed.TotalSeconds:F0} s.");

Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium", Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
var context = await browser.NewContextAsync(new() { BaseURL = baseUrl });
var page = await context.NewPageAsync();
page.SetDefaultTimeout(60_000);
await page.GotoAsync("/login");
await page.Locator("#hook0-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached });
await page.Locator("input[name=email]").FillAsync(Email);
await page.Locator("input[name=password]").FillAsync(Password);
await page.Locator("[data-test=login]").ClickAsync();
await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));

var app = $"/organizations/{organizationId}/applications/{applicationId}";
var pages = new (string Name, string Path, string Ready)[]
{
    ("events", $"{app}/events", "[data-test=event-row]"),
    ("delivery logs", $"{app}/logs", "[data-test=attempt-row]"),
    ("dead letters", $"{app}/dead-letters", "[data-test=dead-letter-row]"),
    ("application overview", $"{app}/overview", "[data-test=analytics-success-rate]"),
};

Console.WriteLine($"| page ({rows:N0} events, {rows:N0}+ attempts) | first render, median of {runs} | min | max |");
Console.WriteLine("| --- | --- | --- | --- |");
foreach (var (name, path, ready) in pages)
{
    var times = new List<double>();
    for (var run = 0; run <= runs; run++)
    {
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator(ready).First.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        watch.Stop();
        if (run > 0)
        {
            times.Add(watch.Elapsed.TotalMilliseconds); // the first visit warms the server's JIT and caches
        }
    }

    times.Sort();
    Console.WriteLine($"| {name} | {times[times.Count / 2]:F0} ms | {times[0]:F0} ms | {times[^1]:F0} ms |");
}
