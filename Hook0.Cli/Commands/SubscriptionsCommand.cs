using System.CommandLine;
using Hook0.Client.Generated.Models;

namespace Hook0.Cli.Commands;

internal static class SubscriptionsCommand
{
    public static Command Create()
    {
        var application = new Option<Guid?>("--application") { Description = "The application (default: the one given at login)" };
        var list = new Command("list", "List the application's subscriptions") { application };
        list.SetAction(async (parse, ct) =>
        {
            await using var session = await Session.OpenAsync(parse.GetValue(application), ct);
            var subscriptions = await session.Client.Api.Api.V1.Subscriptions.GetAsync(c => c.QueryParameters.ApplicationId = session.RequireApplication(), ct);
            await Output.JsonAsync(parse.InvocationConfiguration.Output, subscriptions, ct);
            return 0;
        });

        var url = new Option<string?>("--url") { Description = "Where deliveries are POSTed (or --cli)" };
        var cli = new Option<bool>("--cli") { Description = "Deliver to `hook0 listen` sessions instead of a URL (target type cli)" };
        var eventTypes = new Option<string[]>("--event-type") { Description = "An event type it receives (repeat for several)", Required = true, AllowMultipleArgumentsPerToken = true };
        var labels = new Option<string[]>("--label") { Description = "key=value an event must carry (repeat for several)", Required = true };
        var description = new Option<string?>("--description") { Description = "A note for people" };
        var create = new Command("create", "Create a subscription") { application, url, cli, eventTypes, labels, description };
        create.SetAction(async (parse, ct) =>
        {
            var labelPairs = Output.Pairs(parse.GetValue(labels), "--label");
            await using var session = await Session.OpenAsync(parse.GetValue(application), ct);
            var subscription = await session.Client.Api.Api.V1.Subscriptions.PostAsync(new SubscriptionPost
            {
                ApplicationId = session.RequireApplication(),
                IsEnabled = true,
                EventTypes = [.. parse.GetValue(eventTypes)!],
                Labels = new SubscriptionPost_labels { AdditionalData = labelPairs },
                Description = parse.GetValue(description),
                Target = (parse.GetValue(cli), parse.GetValue(url)) switch
                {
                    (true, null) => new SubscriptionTargetPost { Type = "cli" },
                    (false, { } target) => new SubscriptionTargetPost { Type = "http", Method = "POST", Url = Output.AbsoluteUri(target, "--url").ToString() },
                    _ => throw new CliException("Pass either --url or --cli."),
                },
            }, cancellationToken: ct);
            await Output.JsonAsync(parse.InvocationConfiguration.Output, subscription, ct);
            return 0;
        });

        return new Command("subscriptions", "Subscriptions") { list, create };
    }
}
