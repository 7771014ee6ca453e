using System.CommandLine;
using Hook0.Client.Generated.Models;

namespace Hook0.Cli.Commands;

/// <summary>
/// <c>hook0 retry &lt;attempt&gt;</c>: sends a dead-lettered attempt again (<c>POST /dead_letters/{id}/retry</c>); a new
/// attempt is queued, the dead one stays in the history.
/// </summary>
internal static class RetryCommand
{
    public static Command Create()
    {
        var attempt = new Argument<Guid>("attempt") { Description = "The dead-lettered request attempt's id" };
        var application = new Option<Guid?>("--application") { Description = "The application (default: the one given at login)" };
        var command = new Command("retry", "Retry a dead-lettered request attempt") { attempt, application };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await Session.OpenAsync(parse.GetValue(application), ct);
            var result = await session.Client.Api.Api.V1.Dead_letters[parse.GetValue(attempt)].Retry.PostAsync(
                new RetryOnePost { ApplicationId = session.RequireApplication() }, cancellationToken: ct);
            await Output.JsonAsync(parse.InvocationConfiguration.Output, result, ct);
            return 0;
        });
        return command;
    }
}
