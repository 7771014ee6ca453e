using System.CommandLine;
using Hook0.Cli;
using Hook0.Cli.Commands;
using Hook0.Client;
using Hook0.Client.Generated.Models;

var root = new RootCommand("hook0: the Hook0 API from the command line")
{
    LoginCommand.Create(),
    ApplicationsCommand.Create(),
    EventTypesCommand.Create(),
    SubscriptionsCommand.Create(),
    SendCommand.Create(),
    RetryCommand.Create(),
    ReplayCommand.Create(),
    TailCommand.Create(),
    ListenCommand.Create(),
};

try
{
    // Our own handlers below print a user's mistake or the API's refusal as one line, without a stack trace.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (CliException mistake)
{
    await Console.Error.WriteLineAsync(mistake.Message);
    return 1;
}
catch (Hook0ProblemException problem)
{
    await Console.Error.WriteLineAsync($"{problem.ProblemId ?? "HTTP " + problem.Status}: {problem.Detail}");
    foreach (var (field, codes) in problem.Validation)
    {
        await Console.Error.WriteLineAsync($"  {field}: {string.Join(", ", codes)}");
    }

    return 1;
}
catch (ProblemDocument problem)
{
    await Console.Error.WriteLineAsync($"{problem.Id}: {problem.Detail}");
    return 1;
}
