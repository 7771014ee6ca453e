using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Hook0.Modules.Dashboard.Events;
using Hook0.Modules.Dashboard.Subscriptions;
using Hook0.Tests.Infrastructure;

namespace Hook0.Tests.Dashboard.Events;

public sealed class EventSnippetsTests : ApiTest
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static EventDraft Draft(string payload, string contentType = "application/json")
    {
        var draft = new EventDraft { EventType = "billing.invoice.paid", ContentType = contentType, Payload = payload };
        draft.Labels.Clear();
        draft.Labels.Add(new KeyValueRow { Key = "tenant", Value = "O'Brien & co" });
        draft.Labels.Add(new KeyValueRow { Key = " ", Value = "ignored: no key" });
        return draft;
    }

    [Test]
    public void The_sdk_snippet_calls_hook0_client_with_the_form_and_reads_the_token_from_the_environment()
    {
        var app = Guid.Parse("6f1c3a52-0c7e-4a8e-9d7c-2a4a1b9e8f00");

        var snippet = EventSnippets.Sdk("https://hook0.example.com/api/v1", app, Draft("""{"amount": 42}"""));

        Assert.That(snippet, Is.EqualTo("""
            const { Hook0Client, Event } = require('hook0-client');

            const client = new Hook0Client("https://hook0.example.com/api/v1/", "6f1c3a52-0c7e-4a8e-9d7c-2a4a1b9e8f00", process.env.HOOK0_TOKEN);
            client.sendEvent(new Event(
              "billing.invoice.paid",
              JSON.stringify({"amount":42}),
              "application/json",
              {"tenant":"O'Brien & co"},
            )).then((eventId) => console.log('sent', eventId));
            """.ReplaceLineEndings("\n")));
    }

    [Test]
    public void A_text_payload_is_a_string_literal_in_the_sdk_snippet()
    {
        var snippet = EventSnippets.Sdk("https://h/api/v1", Guid.Empty, Draft("line \"1\"\nline 2", "text/plain"));

        Assert.That(snippet, Does.Contain("  \"line \\\"1\\\"\\nline 2\",\n  \"text/plain\","));
    }

    [Test]
    public void Shell_quoting_survives_bash_whatever_the_text()
    {
        const string nasty = "it's $HOME `id` \"q\" \\ \n end";

        Assert.That(Bash($"printf '%s' {EventSnippets.ShellQuote(nasty)}"), Is.EqualTo(nasty));
    }

    /// <summary>The command as bash runs it (curl swapped for a recorder), then its body sent to the API: accepted as written.</summary>
    [Test]
    public async Task The_curl_snippet_sends_an_event_the_api_accepts_with_the_token_from_the_environment()
    {
        var scenario = new Scenario(Master());
        var tenant = await scenario.TenantAsync();
        var draft = Draft("""{"note": "it's $HOME"}""");
        draft.EventType = tenant.EventType;

        var snippet = EventSnippets.Curl("http://localhost/api/v1/", tenant.ApplicationId, draft, At);
        Assert.That(snippet, Does.Not.Contain(tenant.Secret));
        var arguments = Bash($"curl() {{ printf '%s\\0' \"$@\"; }}\nHOOK0_TOKEN={tenant.Secret}\n{snippet}").Split('\0', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(arguments[..6], Is.EqualTo(new[]
        {
            "-X", "POST", "http://localhost/api/v1/event", "-H", $"Authorization: Bearer {tenant.Secret}", "-H",
        }));
        using var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Secret);
        var sent = await client.PostAsync("/api/v1/event", new StringContent(arguments[^1], Encoding.UTF8, "application/json"));
        var body = await JsonAsync(sent);
        Assert.That((int)sent.StatusCode, Is.EqualTo(201), body.ToJsonString());
        var eventId = body["event_id"]!.GetValue<Guid>();
        Assert.Multiple(async () =>
        {
            Assert.That(await Database.ScalarAsync<string>($"SELECT convert_from(payload, 'UTF8') FROM event.event WHERE event_id = '{eventId}'"),
                Is.EqualTo("""{"note": "it's $HOME"}"""), "the payload is stored byte for byte");
            Assert.That(await Database.ScalarAsync<string>($"SELECT labels::text FROM event.event WHERE event_id = '{eventId}'"),
                Is.EqualTo("""{"tenant": "O'Brien & co"}"""));
            Assert.That(JsonNode.Parse(arguments[^1])!["occurred_at"]!.GetValue<string>(), Is.EqualTo("2026-03-01T12:00:00Z"));
        });
    }

    private static string Bash(string script)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, error);
        return output;
    }
}
