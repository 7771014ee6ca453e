// A producer: an invoicing service that tells Hook0 when an invoice is paid. Hook0 then delivers the event,
// signed, to every subscription of the application that matches it.
using System.Text.Json;
using Hook0.Client;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration["PORT"] ?? "5100"}");
builder.Services.AddHook0Client(o =>
{
    o.BaseAddress = new Uri(builder.Configuration["Hook0:BaseAddress"] ?? "http://127.0.0.1:8080/");
    o.Token = builder.Configuration["Hook0:Token"];
    o.ApplicationId = Guid.Parse(builder.Configuration["Hook0:ApplicationId"] ?? Guid.Empty.ToString());
});
var app = builder.Build();

app.MapPost("/invoices/{id}/pay", async (string id, Hook0Client hook0, CancellationToken ct) =>
{
    // The event id is minted here, once: if the answer is lost and the client retries, Hook0 stores it once.
    var paid = new Hook0Event("billing.invoice.paid", JsonSerializer.Serialize(new { invoice_id = id, amount = 4200 }),
        new Dictionary<string, string> { ["tenant"] = "acme" });
    try
    {
        var eventId = await hook0.SendEventAsync(paid, ct);
        return Results.Accepted(value: new { event_id = eventId });
    }
    catch (Hook0ProblemException problem)
    {
        return Results.Problem(statusCode: 502, title: "Hook0 refused the event", detail: $"{problem.ProblemId}: {problem.Detail}");
    }
});

app.Run();
