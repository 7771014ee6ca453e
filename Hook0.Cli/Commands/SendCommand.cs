using System.CommandLine;
using Hook0.Client;

namespace Hook0.Cli.Commands;

internal static class SendCommand
{
    // Hook0's own payload limit: a bigger file is refused before it is read whole.
    private const long MaxPayloadBytes = 1024 * 1024;

    public static Command Create()
    {
        var eventType = new Option<string>("--event-type") { Description = "service.resource.verb", Required = true };
        var file = new Option<string>("--file") { Description = "The payload's file, or '-' for stdin", DefaultValueFactory = _ => "-" };
        var contentType = new Option<string>("--content-type") { Description = "The payload's content type", DefaultValueFactory = _ => "application/json" };
        var labels = new Option<string[]>("--label") { Description = "key=value (repeat for several; at least one)", Required = true };
        var eventId = new Option<Guid?>("--event-id") { Description = "Fix the event id (default: a new UUIDv7)" };
        var application = new Option<Guid?>("--application") { Description = "The application (default: the one given at login)" };
        var command = new Command("send", "Send an event, its payload read from a file or stdin") { eventType, file, contentType, labels, eventId, application };
        command.SetAction(async (parse, ct) =>
        {
            var payload = await ReadPayloadAsync(parse.GetValue(file)!, ct);
            var labelPairs = Output.Pairs(parse.GetValue(labels), "--label").ToDictionary(kv => kv.Key, kv => (string)kv.Value);
            await using var session = await Session.OpenAsync(parse.GetValue(application), ct);
            session.RequireApplication();
            var hook0Event = new Hook0Event(parse.GetValue(eventType)!, payload, labelPairs, parse.GetValue(contentType)!);
            if (parse.GetValue(eventId) is { } id)
            {
                hook0Event.EventId = id;
            }

            var sent = await session.Client.SendEventAsync(hook0Event, ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"{{\"event_id\":\"{sent}\"}}");
            return 0;
        });
        return command;
    }

    private static async Task<string> ReadPayloadAsync(string file, CancellationToken cancellationToken)
    {
        if (file == "-")
        {
            var buffer = new char[MaxPayloadBytes + 1];
            var read = await Console.In.ReadBlockAsync(buffer, cancellationToken);
            return read > MaxPayloadBytes ? throw new CliException("The payload is larger than 1 MiB.") : new string(buffer, 0, read);
        }

        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new CliException($"No file '{file}'.");
        }

        return info.Length > MaxPayloadBytes
            ? throw new CliException("The payload is larger than 1 MiB.")
            : await File.ReadAllTextAsync(file, cancellationToken);
    }
}
