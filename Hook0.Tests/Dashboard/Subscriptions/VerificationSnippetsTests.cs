using System.Diagnostics;
using System.Text.Json;
using Hook0.Modules.Dashboard.Subscriptions;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Dashboard.Subscriptions;

/// <summary>
/// The dashboard's verification snippets, run as a receiver's developer would paste them, against a real delivery: each
/// accepts the request as delivered and refuses it with one byte of the body changed. Node with the pinned
/// <c>standardwebhooks</c> package, Python 3 and C# (a .NET file-based program) with their standard libraries only.
/// </summary>
[NonParallelizable]
public sealed class VerificationSnippetsTests : ApiTest
{
    private static ReceivedWebhook _delivered = null!;
    private static string _secret = "";
    private static string _work = "";

    [OneTimeSetUp]
    public async Task DeliverOnceAsync()
    {
        await using var host = new DeliveryHost();
        await using var receiver = await WebhookReceiver.StartAsync();
        var tenant = await new Scenario(host.Master()).TenantAsync();
        var subscription = await PostJsonAsync(host.Master(), "/api/v1/subscriptions", new
        {
            application_id = tenant.ApplicationId, is_enabled = true, event_types = new[] { tenant.EventType },
            labels = new Dictionary<string, string> { ["env"] = "prod" },
            target = new { type = "http", method = "POST", url = receiver.Url(), headers = new Dictionary<string, string>() },
        });
        _secret = subscription["standard_secret"]!.GetValue<string>();
        await new Scenario(host.Master()).IngestAsync(tenant.ApplicationId, tenant.EventType, payload: """{"amount":42,"currency":"EUR"}""");
        _delivered = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(20)))[0];
        // Node resolves the snippet's package from the node folder's node_modules: the scripts go below it.
        _work = Path.Combine(RepositoryPaths.NodeFolder, ".snippets", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_work);
    }

    [OneTimeTearDown]
    public void Clean() => Directory.Delete(_work, recursive: true);

    private static string WriteInput(bool tampered)
    {
        var body = (byte[])_delivered.Body.Clone();
        if (tampered)
        {
            body[^2] ^= 0x01;
        }

        var path = Path.Combine(_work, tampered ? "tampered.json" : "delivered.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { body = Convert.ToBase64String(body), headers = _delivered.Headers }));
        return path;
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Node(bool tampered)
    {
        var script = Path.Combine(_work, "verify.mjs");
        await File.WriteAllTextAsync(script, $$"""
            import { readFileSync } from "node:fs";
            const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
            const rawBody = Buffer.from(input.body, "base64").toString("utf8");
            const request = { headers: input.headers };
            {{VerificationSnippets.Node(_secret)}}
            console.log("verified " + JSON.stringify(event));
            """);
        await AssertVerdictAsync(await RunAsync("node", [script, WriteInput(tampered)]), tampered);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Python(bool tampered)
    {
        var script = Path.Combine(_work, "verify.py");
        await File.WriteAllTextAsync(script, $$"""
            {{VerificationSnippets.Python(_secret)}}

            import json, sys
            given = json.load(open(sys.argv[1]))
            verify(base64.b64decode(given["body"]), given["headers"])
            print("verified")
            """);
        await AssertVerdictAsync(await RunAsync("python3", [script, WriteInput(tampered)]), tampered);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task CSharp(bool tampered)
    {
        // A file-based program: top-level statements go between the snippet's usings and its class.
        var snippet = VerificationSnippets.CSharp(_secret);
        var split = snippet.IndexOf("static class", StringComparison.Ordinal);
        var program = Path.Combine(_work, tampered ? "tampered.cs" : "delivered.cs");
        await File.WriteAllTextAsync(program, $$"""
            {{snippet[..split]}}
            var given = System.Text.Json.JsonDocument.Parse(File.ReadAllText(args[0])).RootElement;
            var headers = given.GetProperty("headers").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            WebhookSignature.Verify(Convert.FromBase64String(given.GetProperty("body").GetString()!), headers);
            Console.WriteLine("verified");

            {{snippet[split..]}}
            """);
        await AssertVerdictAsync(await RunAsync("dotnet", ["run", "--file", program, "--", WriteInput(tampered)], TimeSpan.FromMinutes(3)), tampered);
    }

    private static Task AssertVerdictAsync((int ExitCode, string Output, string Error) run, bool tampered)
    {
        if (tampered)
        {
            Assert.That(run.ExitCode, Is.Not.Zero, "a changed body is refused: " + run.Output);
            Assert.That(run.Output, Does.Not.Contain("verified"));
            Assert.That(run.Error, Does.Contain("signature").IgnoreCase, "refused by the signature check, not by anything else");
        }
        else
        {
            Assert.That(run.ExitCode, Is.Zero, run.Error + run.Output);
            Assert.That(run.Output, Does.Contain("verified"));
        }

        return Task.CompletedTask;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string[] arguments, TimeSpan? limit = null)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = _work, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit ?? TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await output, await error);
    }
}
