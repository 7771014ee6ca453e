using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hook0.Cli;

/// <summary>What <c>hook0 login</c> stores: the server, the token and the default application, in a file only the user can read.</summary>
internal sealed class Credentials
{
    [JsonPropertyName("url")]
    public required Uri Url { get; init; }

    [JsonPropertyName("token")]
    public required string Token { get; init; }

    [JsonPropertyName("application_id")]
    public Guid? ApplicationId { get; init; }

    /// <summary><c>$HOOK0_CONFIG_DIR</c>, else <c>$XDG_CONFIG_HOME/hook0</c>, else <c>~/.config/hook0</c>.</summary>
    public static string FilePath
    {
        get
        {
            var dir = Environment.GetEnvironmentVariable("HOOK0_CONFIG_DIR")
                      ?? Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                          ? xdg
                          : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "hook0");
            return Path.Combine(dir, "credentials.json");
        }
    }

    public static async Task<Credentials?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        await using var stream = File.OpenRead(FilePath);
        return await JsonSerializer.DeserializeAsync<Credentials>(stream, cancellationToken: cancellationToken);
    }

    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        var path = FilePath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        // Created 0600 from the first byte (not chmod-ed afterwards), then renamed over the old file.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        {
            await JsonSerializer.SerializeAsync(stream, this, cancellationToken: cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
