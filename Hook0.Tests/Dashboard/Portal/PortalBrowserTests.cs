using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hook0.Tests.Dashboard.Accessibility;
using Hook0.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hook0.Tests.Dashboard.Portal;

/// <summary>
/// The customer portal in Debian's Chromium against the server process (ADR 0028). The embedding site is served
/// on <c>localhost</c> while the server is addressed as <c>127.0.0.1</c>, which browsers treat as different sites, so
/// the portal runs as a third-party frame. One server, one browser: the scenarios share them to keep CI short.
/// Screenshots of each portal page, wide and at a phone's width, are saved under artifacts/dashboard.
/// </summary>
[NonParallelizable]
public sealed class PortalBrowserTests : ApiTest
{
    private static readonly (string Name, int Width, int Height)[] Widths = [("wide", 1280, 800), ("phone", 390, 844)];

    [Test]
    public async Task The_portal_works_framed_by_an_allowed_site_and_as_a_page_within_its_scope_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var server = await DashboardServer.StartAsync(new Dictionary<string, string?>
        {
            ["DELIVERY_WORKERS_ENABLED"] = "true",
            ["DISABLE_TARGET_IP_CHECK"] = "true", // the receiver is on loopback
            ["DELIVERY_POLL_INTERVAL_MS"] = "200",
            ["AUTO_VERIFY_USERS"] = "true",
        });
        var site = server.BaseAddress.ToString().TrimEnd('/');
        using var master = new HttpClient { BaseAddress = server.BaseAddress };
        master.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Hook0Factory.MasterKey);
        var scenario = new Scenario(master);
        var tenant = await scenario.TenantAsync();
        var other = await scenario.ApplicationAsync(tenant.OrganizationId, "Other");
        var token = (await (await master.PostAsJsonAsync("/api/v1/service_token", new { organization_id = tenant.OrganizationId, name = "backend" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["biscuit"]!.GetValue<string>();
        using var backend = new HttpClient { BaseAddress = server.BaseAddress };
        backend.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await using var embedder = await EmbeddingSite.StartAsync();
        await using var stranger = await EmbeddingSite.StartAsync();
        Assert.That((int)(await backend.PutAsJsonAsync($"/api/v1/applications/{tenant.ApplicationId}/portal_settings",
            new { allowed_origins = new[] { embedder.Origin }, display_name = "Acme webhooks", accent_color = "#1565c0", theme = "light" })).StatusCode, Is.EqualTo(200));

        async Task<string> LinkAsync(Guid applicationId, string scope, bool readOnly = false)
        {
            var created = await (await backend.PostAsJsonAsync("/api/v1/portal_sessions",
                new { application_id = applicationId, labels = new Dictionary<string, string> { ["tenant_id"] = scope }, read_only = readOnly }))
                .Content.ReadFromJsonAsync<JsonObject>();
            var url = created!["url"]!.GetValue<string>();
            return site + url[url.IndexOf("/portal/", StringComparison.Ordinal)..]; // APP_URL is not the test server's
        }

        await using var browser = await BrowserSession.LaunchAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var aliceLink = await LinkAsync(tenant.ApplicationId, "alice");
        embedder.Framed = aliceLink;
        stranger.Framed = await LinkAsync(tenant.ApplicationId, "alice");
        var pages = new List<IPage>();
        try
        {
            // 1. Framed by the allowed site: alice adds an endpoint, which then receives a delivery.
            var embedding = await context.NewPageAsync();
            pages.Add(embedding);
            await embedding.GotoAsync(embedder.Origin + "/settings");
            var frame = embedding.FrameLocator("iframe");
            await frame.Locator("#hook0-interactive").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 30_000 });
            await Expect(frame.Locator("[data-test=portal-name]")).ToHaveTextAsync("Acme webhooks");
            await Expect(frame.Locator("[data-test=endpoints-empty]")).ToBeVisibleAsync();
            Assert.That(embedding.Frames.Single(f => f != embedding.MainFrame).Url, Does.Not.Contain("token"), "the link left the frame's address and history");

            await FillAsync(Input(frame, "endpoint-url"), receiver.Url("/alice"));
            await Input(frame, $"endpoint-type-{tenant.EventType}").CheckAsync();
            await frame.Locator("[data-test=endpoint-create]").ClickAsync();
            await Expect(frame.Locator("[data-test=endpoint-row]")).ToHaveCountAsync(1);
            var aliceEndpoint = Guid.Parse((await frame.Locator("[data-test=endpoint-row]").GetAttributeAsync("data-id"))!);
            await scenario.IngestAsync(tenant.ApplicationId, tenant.EventType, new Dictionary<string, string> { ["tenant_id"] = "alice" });
            var delivered = await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30));
            Assert.That(delivered.Select(d => d.Path), Is.EqualTo(new[] { "/alice" }));

            // Moving between portal pages keeps the session (the circuit holds it: a third-party frame gets no storage).
            await frame.Locator("[data-test=nav-event-types]").ClickAsync();
            await Expect(frame.Locator("[data-test=event-type]")).ToHaveCountAsync(1);
            await frame.Locator("[data-test=nav-endpoints]").ClickAsync();
            await Expect(frame.Locator("[data-test=endpoint-row]")).ToHaveCountAsync(1);

            // The embedding page reloaded with its spent link shows why; the producer mints a link per render.
            await embedding.ReloadAsync();
            await Expect(frame.Locator("[data-test=portal-refused]")).ToContainTextAsync("already used");
            embedder.Framed = await LinkAsync(tenant.ApplicationId, "alice");
            await embedding.ReloadAsync();
            await Expect(frame.Locator("[data-test=endpoint-row]")).ToHaveCountAsync(1);

            // 2. A site that is not allowed cannot frame it (Chromium shows its error page in the frame instead).
            var framedByStranger = await context.NewPageAsync();
            pages.Add(framedByStranger);
            var refusedFraming = framedByStranger.WaitForConsoleMessageAsync(new() { Predicate = m => m.Text.Contains("frame-ancestors", StringComparison.Ordinal) });
            await framedByStranger.GotoAsync(stranger.Origin + "/settings");
            Assert.That((await refusedFraming).Text, Does.Contain("The request has been blocked"));
            await framedByStranger.WaitForLoadStateAsync(LoadState.Load);
            Assert.That(await framedByStranger.FrameLocator("iframe").Locator("[data-test=portal-name]").CountAsync(), Is.Zero);

            // 3. As a full page, at both widths: bob's scope, his own endpoint; axe on every portal page; alice's id guessed.
            var bob = await context.NewPageAsync();
            pages.Add(bob);
            await bob.GoAsync(await LinkAsync(tenant.ApplicationId, "bob"));
            await Expect(bob.Test("endpoints-empty")).ToBeVisibleAsync();
            await FillAsync(bob.Field("endpoint-url"), receiver.Url("/bob"));
            await bob.Locator($"input[data-test='endpoint-type-{tenant.EventType}'], [data-test='endpoint-type-{tenant.EventType}'] input").First.CheckAsync();
            await bob.Test("endpoint-create").ClickAsync();
            await Expect(bob.Test("endpoint-row")).ToHaveCountAsync(1);
            var bobEndpoint = Guid.Parse((await bob.Test("endpoint-row").GetAttributeAsync("data-id"))!);
            await bob.Test("endpoint-link").ClickAsync();
            await bob.Test("test-send").ClickAsync();
            await receiver.WaitForAsync(2, TimeSpan.FromSeconds(30));
            Assert.That(receiver.Received.Select(r => r.Path), Is.EqualTo(new[] { "/alice", "/bob" }), "bob's test event went to bob only");
            Assert.That(await Eventually.HoldsAsync(async () =>
            {
                await bob.Test("deliveries-refresh").ClickAsync();
                return await bob.Test("delivery-status").First.TextContentAsync() == "successful";
            }, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(500)), "the portal's log shows the delivery");
            var attempt = Guid.Parse((await bob.Test("delivery-row").First.GetAttributeAsync("data-id"))!);

            // A range of bob's events sent again after a count (a day either side: whatever the browser's zone).
            await FillAsync(bob.Field("replay-from"), DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await FillAsync(bob.Field("replay-to"), DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            await bob.Test("replay-count").ClickAsync();
            await Expect(bob.Test("replay-counted")).ToContainTextAsync("1 event in that range");
            await bob.Test("replay-confirm").ClickAsync();
            await receiver.WaitForAsync(3, TimeSpan.FromSeconds(30));
            Assert.That(receiver.Received.Select(r => r.Path), Is.EqualTo(new[] { "/alice", "/bob", "/bob" }), "bob's event sent again, to bob only");

            var findings = new List<string>();
            foreach (var (path, ready, shot) in new[]
            {
                ("", "endpoint-row", "endpoints"), ($"/endpoints/{bobEndpoint}", "delivery-row", "endpoint"),
                ($"/attempts/{attempt}", "attempt-status", "attempt"), ("/event-types", "event-type", "event-types"),
            })
            {
                foreach (var (name, width, height) in Widths)
                {
                    await bob.SetViewportSizeAsync(width, height);
                    await bob.GoAsync($"{site}/portal/{tenant.ApplicationId}{path}");
                    await bob.Test(ready).First.WaitForAsync(new() { Timeout = 20_000 });
                    await bob.AddStyleTagAsync(new() { Content = "*, *::before, *::after { transition: none !important; animation: none !important; }" });
                    findings.AddRange(await AxeFindings.BlockingAsync(bob, $"/portal{path} ({name})"));
                    if (await bob.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"))
                    {
                        findings.Add($"/portal{path} ({name}): the page scrolls sideways");
                    }

                    await bob.ScreenshotAsync($"portal-{shot}-{name}");
                }
            }

            Assert.That(findings, Is.Empty, string.Join('\n', findings));
            await bob.GoAsync($"{site}/portal/{tenant.ApplicationId}/event-types");
            await bob.Test("asyncapi-json").ClickAsync();
            var catalog = await bob.Test("asyncapi-json-file").GetAttributeAsync("href");
            Assert.That(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(catalog!["data:application/json;base64,".Length..])),
                Does.Contain($"\"name\": \"{tenant.EventType}\""), "the catalog is saved from the page, with the session the page holds");
            await bob.GoAsync($"{site}/portal/{tenant.ApplicationId}/endpoints/{aliceEndpoint}");
            await Expect(bob.Test("form-error")).ToContainTextAsync("does not exist");
            await Expect(bob.Test("endpoint-url-shown")).ToHaveCountAsync(0);
            await bob.GoAsync($"{site}/portal/{tenant.ApplicationId}");
            await Expect(bob.Test("endpoint-row")).ToHaveCountAsync(1);
            Assert.That(await bob.Test("endpoint-row").GetAttributeAsync("data-id"), Is.EqualTo(bobEndpoint.ToString()));

            // 4. Read-only: alice's endpoint is shown, and no control to change anything is.
            var reader = await context.NewPageAsync();
            pages.Add(reader);
            await reader.GoAsync(await LinkAsync(tenant.ApplicationId, "alice", readOnly: true));
            await Expect(reader.Test("portal-read-only")).ToBeVisibleAsync();
            await Expect(reader.Test("endpoint-row")).ToHaveCountAsync(1);
            await Expect(reader.Locator("[data-test=endpoint-create], [data-test=endpoint-delete], [data-test=endpoint-pause]")).ToHaveCountAsync(0);
            await reader.Test("endpoint-link").ClickAsync();
            await Expect(reader.Test("endpoint-url-shown")).ToBeVisibleAsync();
            await Expect(reader.Locator("[data-test=endpoint-save], [data-test=secret-rotate], [data-test=test-send], [data-test=endpoint-secret]")).ToHaveCountAsync(0);

            // 5. Links that cannot open: a clear page, and no data.
            var linkForOther = await LinkAsync(other, "alice");
            var tampered = await LinkAsync(tenant.ApplicationId, "alice");
            tampered = tampered[..^6] + (tampered[^6] == 'A' ? 'B' : 'A') + tampered[^5..];
            var expiring = await LinkAsync(tenant.ApplicationId, "alice");
            await Database.ExecuteAsync($"UPDATE iam.portal_session SET expires_at = now() - interval '1 second' WHERE exchanged_at IS NULL AND application_id = '{tenant.ApplicationId}' AND created_at = (SELECT max(created_at) FROM iam.portal_session)");
            var revoked = await LinkAsync(tenant.ApplicationId, "alice");
            foreach (var (link, message) in new[]
            {
                (tampered, "not valid"),
                ($"{site}/portal/{tenant.ApplicationId}{linkForOther[linkForOther.IndexOf('#', StringComparison.Ordinal)..]}", "another portal"),
                (expiring, "has ended"),
                (aliceLink, "already used"),
            })
            {
                await AssertRefusedAsync(context, pages, link, message);
            }

            var tokenId = await Database.ScalarAsync<Guid>($"SELECT token_id FROM iam.token WHERE type = 'service_access' AND organization_id = '{tenant.OrganizationId}'");
            Assert.That((int)(await master.DeleteAsync($"/api/v1/service_token/{tokenId}?organization_id={tenant.OrganizationId}")).StatusCode, Is.EqualTo(204));
            await AssertRefusedAsync(context, pages, revoked, "has ended");
            await bob.ReloadAsync(); // bob's open session, from the revoked token: ended at the next load
            await Expect(bob.Test("portal-refused")).ToContainTextAsync("has ended");
            await Expect(bob.Test("endpoint-row")).ToHaveCountAsync(0);

            // 6. The application page's "Customer portal" section: settings, a preview as a label scope, the snippets.
            await DashboardSectionAsync(context, pages, master, site);
        }
        catch
        {
            for (var i = 0; i < pages.Count; i++)
            {
                await pages[i].ScreenshotAsync($"portal-failure-{i + 1}");
            }

            await TestContext.Out.WriteLineAsync(string.Join('\n', server.Output.TakeLast(80)));
            throw;
        }

        await server.StopAsync();
    }

    private static async Task DashboardSectionAsync(IBrowserContext context, List<IPage> pages, HttpClient anonymous, string site)
    {
        const string email = "producer@example.com";
        await anonymous.PostAsJsonAsync("/api/v1/register", new { first_name = "Ada", last_name = "Lovelace", email, password = UserAccounts.Password });
        var login = await (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = UserAccounts.Password })).Content.ReadFromJsonAsync<JsonObject>();
        using var user = new HttpClient { BaseAddress = anonymous.BaseAddress };
        user.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login!["access_token"]!.GetValue<string>());
        var organizationId = (await user.GetFromJsonAsync<JsonArray>("/api/v1/organizations"))![0]!["organization_id"]!.GetValue<Guid>();
        var applicationId = (await (await user.PostAsJsonAsync("/api/v1/applications", new { organization_id = organizationId, name = "Shop" }))
            .Content.ReadFromJsonAsync<JsonObject>())!["application_id"]!.GetValue<Guid>();

        var page = await context.NewPageAsync();
        pages.Add(page);
        await page.GoAsync($"{site}/login");
        await page.FillFieldAsync("email", email);
        await page.FillFieldAsync("password", UserAccounts.Password);
        await page.Test("login").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith('/'));
        await page.GoAsync($"{site}/organizations/{organizationId}/applications/{applicationId}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "curl" }).ClickAsync();
        await Expect(page.Test("portal-snippet-curl")).ToContainTextAsync($"\"application_id\": \"{applicationId}\"");

        await page.FillFieldAsync("portal-origins", "https://app.example.com");
        await page.FillFieldAsync("portal-display-name", "Shop webhooks");
        await page.Test("portal-save").ClickAsync();
        await Expect(page.GetByText("Saved the portal settings.")).ToBeVisibleAsync();
        var saved = await user.GetFromJsonAsync<JsonObject>($"/api/v1/applications/{applicationId}/portal_settings");
        Assert.That(saved!["allowed_origins"]!.AsArray().Select(o => o!.GetValue<string>()), Is.EqualTo(new[] { "https://app.example.com" }));

        await page.FillFieldAsync("portal-preview-value", "carol");
        await page.Test("portal-preview").ClickAsync();
        var preview = await page.Test("portal-preview-link").GetAttributeAsync("href");
        var portal = await context.NewPageAsync();
        pages.Add(portal);
        await portal.GoAsync(preview!);
        await Expect(portal.Test("portal-name")).ToHaveTextAsync("Shop webhooks");
        await Expect(portal.Test("endpoints-empty")).ToBeVisibleAsync();
    }

    private static async Task AssertRefusedAsync(IBrowserContext context, List<IPage> pages, string link, string message)
    {
        var page = await context.NewPageAsync();
        pages.Add(page);
        await page.GoAsync(link);
        await Expect(page.Test("portal-refused")).ToContainTextAsync(message);
        await Expect(page.Locator("[data-test=endpoint-row], [data-test=nav-endpoints]")).ToHaveCountAsync(0);
        Assert.That(page.Url, Does.Not.Contain("token"), "the link leaves the address bar whatever it says");
        await page.CloseAsync();
        pages.Remove(page);
    }

    /// <summary>The input of a MudBlazor field carrying <c>data-test</c> (on the input itself or on its wrapper), in the frame.</summary>
    private static ILocator Input(IFrameLocator frame, string name)
        => frame.Locator($"input[data-test='{name}'], [data-test='{name}'] input").First;

    private static async Task FillAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.DispatchEventAsync("change"); // MudBlazor binds on change unless Immediate
        await Expect(field).ToHaveValueAsync(value);
    }
}
