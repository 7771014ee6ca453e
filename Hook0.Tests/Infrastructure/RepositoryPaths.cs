namespace Hook0.Tests.Infrastructure;

/// <summary>Locates the repository and the build outputs that tests start as separate processes.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration the tests themselves were built in.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Parent!.Name;

    public static string WebAssembly => Path.Combine(Root, "Hook0.Web", "bin", Configuration, "net10.0", "Hook0.Web.dll");

    public static string NodeFolder => Path.Combine(Root, "Hook0.Tests", "node");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hook0.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Hook0.sln not found above the test assembly.");
    }
}
