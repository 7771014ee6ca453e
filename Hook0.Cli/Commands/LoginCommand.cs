using System.CommandLine;

namespace Hook0.Cli.Commands;

internal static class LoginCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The server's root, e.g. https://app.hook0.com/", Required = true };
        var token = new Option<string>("--token") { Description = "An application secret or a service token; '-' reads it from stdin (kept out of shell history)", Required = true };
        var application = new Option<Guid?>("--application") { Description = "The application later commands act on by default" };
        var command = new Command("login", "Store the server and token (in a file only you can read)") { url, token, application };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(token)!;
            var secret = given == "-" ? (await Console.In.ReadLineAsync(ct))?.Trim() : given;
            if (string.IsNullOrEmpty(secret))
            {
                throw new CliException("The token is empty.");
            }

            var credentials = new Credentials { Url = Output.AbsoluteUri(parse.GetValue(url)!, "--url"), Token = secret, ApplicationId = parse.GetValue(application) };
            await credentials.SaveAsync(ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Logged in to {credentials.Url} (token stored in {Credentials.FilePath}).");
            return 0;
        });
        return command;
    }
}
