namespace Hook0.Modules.Kernel.Audit;

/// <summary>Through which door a change came in (the <c>channel</c> of an audit record).</summary>
public static class AuditChannels
{
    public const string Rest = "rest";
    public const string Dashboard = "dashboard";
    public const string Cli = "cli";
    public const string Portal = "portal";
    public const string Mcp = "mcp";

    /// <summary>What the host does by itself (housekeeping, workers): no caller.</summary>
    public const string System = "system";

    /// <summary>
    /// The product token the hook0 CLI adds to its User-Agent (Hook0.Cli/Session.cs): how a REST call made by the CLI
    /// is told from any other client of the same API.
    /// </summary>
    public const string CliProduct = "hook0-cli";

    public static IReadOnlyList<string> All { get; } = [Rest, Dashboard, Cli, Portal, Mcp, System];
}
