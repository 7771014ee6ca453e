using System.CommandLine;
using Hook0.Client.Generated.Models;

namespace Hook0.Cli.Commands;

/// <summary>
/// <c>hook0 replay</c>: one event (<c>--event</c>, <c>POST /events/{id}/replay</c>) or the events of a period
/// (<c>POST /events/replay</c>). A period is always counted first (a dry run, printed); it is replayed only with
/// <c>--yes</c>, so a mistyped range shows its size before it sends anything.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var eventId = new Option<Guid?>("--event") { Description = "Replay this one event to every subscription it matches" };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Start of the period (ISO 8601)" };
        var to = new Option<DateTimeOffset?>("--to") { Description = "End of the period (ISO 8601)" };
        var eventType = new Option<string?>("--event-type") { Description = "Only events of this type" };
        var labels = new Option<string[]>("--label") { Description = "Only events carrying key=value (repeat for several)" };
        var subscription = new Option<Guid?>("--subscription") { Description = "Only to this subscription" };
        var yes = new Option<bool>("--yes") { Description = "Replay the period after counting it (without it: count only)" };
        var application = new Option<Guid?>("--application") { Description = "The application (default: the one given at login)" };
        var command = new Command("replay", "Replay an event, or count then replay the events of a period")
        {
            eventId, from, to, eventType, labels, subscription, yes, application,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(eventId) is { } single)
            {
                await using var one = await Session.OpenAsync(parse.GetValue(application), ct);
                await one.Client.Api.Api.V1.Events[single].Replay.PostAsync(new ReplayEventPost { ApplicationId = one.RequireApplication() }, cancellationToken: ct);
                await output.WriteLineAsync($"{{\"replayed_event_id\":\"{single}\"}}");
                return 0;
            }

            if (parse.GetValue(from) is not { } start || parse.GetValue(to) is not { } end)
            {
                throw new CliException("Pass --event <id>, or --from and --to for a period.");
            }

            var labelPairs = Output.Pairs(parse.GetValue(labels), "--label");
            await using var session = await Session.OpenAsync(parse.GetValue(application), ct);
            ReplayEventsPost Body(bool dryRun) => new()
            {
                ApplicationId = session.RequireApplication(),
                From = start,
                To = end,
                EventType = parse.GetValue(eventType),
                Labels = labelPairs.Count == 0 ? null : new ReplayEventsPost_labels { AdditionalData = labelPairs },
                SubscriptionId = parse.GetValue(subscription),
                DryRun = dryRun,
            };

            var count = await session.Client.Api.Api.V1.Events.Replay.PostAsync(Body(dryRun: true), cancellationToken: ct);
            await Output.JsonAsync(output, count, ct);
            if (parse.GetValue(yes) && count?.MatchingEvents > 0)
            {
                await Output.JsonAsync(output, await session.Client.Api.Api.V1.Events.Replay.PostAsync(Body(dryRun: false), cancellationToken: ct), ct);
            }

            return 0;
        });
        return command;
    }
}
