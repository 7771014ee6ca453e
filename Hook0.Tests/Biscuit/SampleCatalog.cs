using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hook0.Tests.Biscuit;

/// <summary>One official sample token (a testcase of samples.json).</summary>
public sealed record SampleToken(string Folder, string FileName, JsonObject Json, string Label)
{
    public override string ToString() => Label;
}

/// <summary>One validation of an official sample: authorizer code and expected outcome.</summary>
public sealed record SampleValidation(SampleToken Sample, string Name, JsonObject Json)
{
    public override string ToString() => $"{Sample.Label} [{Name}]";
}

/// <summary>Loads the official Biscuit samples (Apache-2.0, see Samples/PROVENANCE.md) copied next to the test assembly.</summary>
public static class SampleCatalog
{
    public static string SamplesDirectory => Path.Combine(AppContext.BaseDirectory, "Biscuit", "Samples");

    /// <summary>The newer copy kept by the reference implementation; only test034 differs.</summary>
    public static string NewerSamplesDirectory => Path.Combine(SamplesDirectory, "newer-from-biscuit-rust");

    public static JsonObject Load(string folder) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "samples.json")))!.AsObject();

    public static string RootPublicKey => Load(SamplesDirectory)["root_public_key"]!.GetValue<string>();

    public static string RootPrivateKey => Load(SamplesDirectory)["root_private_key"]!.GetValue<string>();

    public static IEnumerable<SampleToken> Tokens()
    {
        foreach (var sample in TokensIn(SamplesDirectory, string.Empty))
        {
            yield return sample;
        }

        foreach (var sample in TokensIn(NewerSamplesDirectory, "newer/").Where(s => File.Exists(Path.Combine(s.Folder, s.FileName))))
        {
            yield return sample;
        }
    }

    public static IEnumerable<SampleValidation> Validations() =>
        Tokens().SelectMany(token => token.Json["validations"]!.AsObject()
            .Select(v => new SampleValidation(token, v.Key, v.Value!.AsObject())));

    public static byte[] ReadToken(SampleToken sample) => File.ReadAllBytes(Path.Combine(sample.Folder, sample.FileName));

    private static IEnumerable<SampleToken> TokensIn(string folder, string labelPrefix)
    {
        if (!File.Exists(Path.Combine(folder, "samples.json")))
        {
            throw new FileNotFoundException($"Biscuit samples are missing from {folder}; the test project must copy Biscuit/Samples/** to its output.");
        }

        return Load(folder)["testcases"]!.AsArray()
            .Select(t => t!.AsObject())
            .Select(t => new SampleToken(folder, t["filename"]!.GetValue<string>(), t, labelPrefix + t["filename"]!.GetValue<string>()));
    }

    public static string Describe(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}
