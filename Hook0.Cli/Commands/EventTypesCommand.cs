using System.CommandLine;
using Hook0.Client.Generated.Models;

namespace Hook0.Cli.Commands;

internal static class EventTypesCommand
{
    public static Command Create()
    {
        var application = new Option<Guid?>("--application") { Description = "The application (default: the one given at login)" };
        var list = new Command("list", "List the application's event types") { application };
        list.SetAction(async (parse, ct) =>
        {
            await using var session = await Session.OpenAsync(parse.GetValue(application), ct);
            var types = await session.Client.Api.Api.V1.Event_types.GetAsync(c => c.QueryParameters.ApplicationId = session.RequireApplication(), ct);
            await Output.JsonAsync(parse.InvocationConfiguration.Output, types, ct);
            return 0;
        });

        var name = new Argument<string>("name") { Description = "service.resource.verb" };
        var create = new Command("create", "Create an event type") { name, application };
        create.SetAction(async (parse, ct) =>
        {
            var parts = parse.GetValue(name)!.Split('.');
            if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
            {
                throw new CliException($"'{parse.GetValue(name)}' is not service.resource.verb.");
            }

            await using var session = await Session.OpenAsync(parse.GetValue(application), ct);
            var type = await session.Client.Api.Api.V1.Event_types.PostAsync(
                new EventTypePost { ApplicationId = session.RequireApplication(), Service = parts[0], ResourceType = parts[1], Verb = parts[2] }, cancellationToken: ct);
            await Output.JsonAsync(parse.InvocationConfiguration.Output, type, ct);
            return 0;
        });

        return new Command("event-types", "Event types") { list, create };
    }
}
