using Bunit;
using Hook0.Modules.Dashboard.Overview;
using Hook0.Modules.Delivery.Contracts;
using MudBlazor.Services;

namespace Hook0.Tests.Dashboard.Overview;

/// <summary>
/// The analytics charts draw failures in the failure colour and successes in the success colour, whatever their
/// position (a chart's default palette colours series by position: it drew failures in green).
/// </summary>
public sealed class ChartColorsTests
{
    private static readonly DateTime From = new(2026, 11, 29, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public async Task Failures_are_red_successes_green_and_each_status_class_has_its_own_colour()
    {
        await using var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddScoped<Hook0.Modules.Dashboard.Common.BrowserTimeZone>(context.Services); // LocalTime: UTC without a browser
        var analytics = new DeliveryAnalytics(
            AnalyticsWindow.LastHour, From, From.AddHours(1), TimeSpan.FromMinutes(1), From.AddMinutes(59),
            [.. Enumerable.Range(0, 60).Select(i => new DeliveryPoint(From.AddMinutes(i), i == 10 ? 30 : 0, i == 20 ? 10 : 0))],
            new DeliveryTotals(30, 10, 0.75, new LatencyPercentiles(42, 310, 2900, 120.5, 40)),
            [new("2xx", 30), new("3xx", 2), new("4xx", 3), new("5xx", 6), new("no response", 4)],
            [new("E_HTTP", 6), new("E_TIMEOUT", 4)],
            []);

        var panel = context.Render<DeliveryAnalyticsPanel>(p => p.Add(c => c.Analytics, analytics).Add(c => c.Window, AnalyticsWindow.LastHour));

        var lines = panel.FindAll("[data-test=analytics-deliveries-chart] path.mud-chart-line").Select(p => p.GetAttribute("stroke"));
        var segments = panel.FindAll("[data-test=analytics-status-classes] svg .mud-chart-serie").Select(p => p.GetAttribute("fill"));
        var chips = panel.FindAll("[data-test^=status-class-]").Select(c => (c.TextContent, c.GetAttribute("style")));
        var bars = panel.FindAll("[data-test=analytics-error-classes] path.mud-chart-bar").Select(p => p.GetAttribute("fill")).Distinct();
        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.EqualTo(new[] { ChartColors.Success, ChartColors.Failure }), "succeeded green, failed red");
            // Largest first: 2xx 30, 5xx 6, no response 4, 4xx 3, 3xx 2.
            Assert.That(segments, Is.EqualTo(new[] { ChartColors.Success, ChartColors.Failure, ChartColors.NoResponse, ChartColors.ClientError, ChartColors.Redirect }));
            Assert.That(chips.Select(c => c.TextContent), Is.EqualTo(new[] { "2xx: 30", "5xx: 6", "no response: 4", "4xx: 3", "3xx: 2" }));
            Assert.That(chips.Select(c => c.Item2), Has.All.Contains("background-color:"), "the chips carry the segments' colours");
            Assert.That(chips.First().Item2, Does.Contain(ChartColors.Success));
            Assert.That(bars, Is.EqualTo(new[] { ChartColors.Failure }), "every error class is a failure");
        });
    }
}
