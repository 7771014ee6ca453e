using System.CommandLine;
using Hook0.Client.Generated.Models;

namespace Hook0.Cli.Commands;

internal static class ApplicationsCommand
{
    public static Command Create()
    {
        var organization = new Option<Guid>("--organization") { Description = "The organization", Required = true };
        var list = new Command("list", "List the organization's applications") { organization };
        list.SetAction(async (parse, ct) =>
        {
            await using var session = await Session.OpenAsync(null, ct);
            var applications = await session.Client.Api.Api.V1.Applications.GetAsync(c => c.QueryParameters.OrganizationId = parse.GetValue(organization), ct);
            await Output.JsonAsync(parse.InvocationConfiguration.Output, applications, ct);
            return 0;
        });

        var name = new Option<string>("--name") { Description = "The application's name", Required = true };
        var create = new Command("create", "Create an application") { organization, name };
        create.SetAction(async (parse, ct) =>
        {
            await using var session = await Session.OpenAsync(null, ct);
            var application = await session.Client.Api.Api.V1.Applications.PostAsync(
                new ApplicationPost { OrganizationId = parse.GetValue(organization), Name = parse.GetValue(name) }, cancellationToken: ct);
            await Output.JsonAsync(parse.InvocationConfiguration.Output, application, ct);
            return 0;
        });

        return new Command("applications", "Applications") { list, create };
    }
}
