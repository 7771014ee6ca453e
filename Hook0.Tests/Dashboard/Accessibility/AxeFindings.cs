using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Hook0.Tests.Dashboard.Accessibility;

/// <summary>
/// Runs axe-core (the copy embedded in Deque.AxeCore.Commons: nothing is fetched at run time) on a page and keeps
/// the violations that block people, serious and critical, one line each with what a developer needs to fix them.
/// </summary>
public static class AxeFindings
{
    private static readonly HashSet<string> Blocking = new(StringComparer.OrdinalIgnoreCase) { "serious", "critical" };

    /// <summary>One line per failing element: rule id, impact, target selector, help URL, and the element's markup.</summary>
    public static async Task<IReadOnlyList<string>> BlockingAsync(IPage page, string where)
    {
        AxeResult result = await page.RunAxe();
        return [.. result.Violations
            .Where(v => Blocking.Contains(v.Impact ?? ""))
            .SelectMany(v => v.Nodes.Select(n => $"{where}: {v.Id} ({v.Impact}) at {n.Target} — {v.Help} {v.HelpUrl}\n    {Shorten(n.Html)}"))];
    }

    private static string Shorten(string? html) => html is { Length: > 200 } ? html[..200] + "…" : html ?? "";
}
