using System.Text.Json;
using Hook0.Client.Generated;
using Hook0.Client.Generated.Models;
using Hook0.Client.Http;
using Hook0.Client.Problems;
using Microsoft.Extensions.Options;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Hook0.Client;

/// <summary>
/// The Hook0 API: <see cref="Api"/> is the whole generated client; the methods here cover what producers do most
/// (send events, declare event types) with idempotent retries and refusals as <see cref="Hook0ProblemException"/>.
/// </summary>
public sealed class Hook0Client
{
    private const string AlreadyIngested = "EventAlreadyIngested";
    private const int MaxBatchSize = 100;
    private readonly Hook0ClientOptions _options;

    /// <summary>As a typed client of <c>IHttpClientFactory</c> (see <c>AddHook0Client</c>), which adds the retries.</summary>
    public Hook0Client(HttpClient httpClient, IOptions<Hook0ClientOptions> options)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _options.Validate();
        // Authentication is the HttpClient's Authorization header, set once by AddHook0Client.
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: httpClient ?? throw new ArgumentNullException(nameof(httpClient)))
        {
            BaseUrl = _options.BaseAddress!.ToString().TrimEnd('/'),
        };
        Api = new Hook0ApiClient(adapter);
    }

    /// <summary>Every route of the API, generated from the server's OpenAPI document (refusals are <see cref="ProblemDocument"/>).</summary>
    public Hook0ApiClient Api { get; }

    /// <summary>
    /// Sends one event; answers its id. A retry that finds the event already stored (the first answer was lost)
    /// counts as success; sending an id that was stored before is refused with <c>EventAlreadyIngested</c>.
    /// </summary>
    public async Task<Guid> SendEventAsync(Hook0Event hook0Event, CancellationToken cancellationToken = default)
    {
        var post = ToPost(hook0Event ?? throw new ArgumentNullException(nameof(hook0Event)));
        var state = new SendState { Idempotent = true };
        try
        {
            var ingested = await Api.Api.V1.Event.PostAsync(post, c => c.Options.Add(state), cancellationToken).ConfigureAwait(false);
            return ingested?.EventId ?? hook0Event.EventId;
        }
        catch (ApiException exception)
        {
            var problem = ProblemReader.FromApiException(exception, state);
            if (problem.ProblemId == AlreadyIngested && state.Attempts > 1)
            {
                return hook0Event.EventId;
            }

            throw problem;
        }
    }

    /// <summary>
    /// Sends up to 100 events in one request (<c>POST /api/v1/events/batch</c>); each gets its own outcome, in order.
    /// As with <see cref="SendEventAsync"/>, an event a lost earlier attempt already stored counts as ingested.
    /// </summary>
    public async Task<IReadOnlyList<BatchItemOutcome>> SendEventsAsync(IEnumerable<Hook0Event> events, CancellationToken cancellationToken = default)
    {
        var list = (events ?? throw new ArgumentNullException(nameof(events))).ToList();
        if (list.Count is 0 or > MaxBatchSize)
        {
            throw new ArgumentException($"A batch holds 1 to {MaxBatchSize} events.", nameof(events));
        }

        var state = new SendState { Idempotent = true };
        Stream? stream;
        try
        {
            stream = await Api.Api.V1.Events.Batch.PostAsync([.. list.Select(ToPost)], c => c.Options.Add(state), cancellationToken).ConfigureAwait(false);
        }
        catch (ApiException exception)
        {
            throw ProblemReader.FromApiException(exception, state);
        }

        using var document = await JsonDocument.ParseAsync(stream ?? Stream.Null, default, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<BatchItemOutcome>(list.Count);
        var index = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var status = item.GetProperty("status").GetInt32();
            var problem = status is >= 200 and < 300 ? null : ProblemReader.FromJson(item.GetProperty("body"), status);
            if (problem?.ProblemId == AlreadyIngested && state.Attempts > 1)
            {
                problem = null;
            }

            outcomes.Add(new BatchItemOutcome(list[index++].EventId, status, problem));
        }

        return outcomes;
    }

    /// <summary>Creates the event types (<c>service.resource.verb</c>) the application lacks; answers the names it created.</summary>
    public async Task<IReadOnlyList<string>> UpsertEventTypesAsync(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        var wanted = (names ?? throw new ArgumentNullException(nameof(names))).ToList();
        var parts = wanted.Select(n => (Name: n, Parts: n.Split('.'))).ToList();
        if (parts.FirstOrDefault(p => p.Parts.Length != 3 || p.Parts.Any(string.IsNullOrEmpty)) is { Name: { } invalid })
        {
            throw new ArgumentException($"'{invalid}' is not service.resource.verb.", nameof(names));
        }

        var state = new SendState();
        try
        {
            var existing = await Api.Api.V1.Event_types.GetAsync(c =>
            {
                c.QueryParameters.ApplicationId = _options.ApplicationId;
                c.Options.Add(state);
            }, cancellationToken).ConfigureAwait(false);
            var known = new HashSet<string>((existing ?? []).Select(t => t.EventTypeName ?? ""), StringComparer.Ordinal);
            var created = new List<string>();
            foreach (var (name, p) in parts.Where(p => !known.Contains(p.Name)).GroupBy(p => p.Name).Select(g => g.First()))
            {
                await Api.Api.V1.Event_types.PostAsync(new EventTypePost { ApplicationId = _options.ApplicationId, Service = p[0], ResourceType = p[1], Verb = p[2] },
                    c => c.Options.Add(state), cancellationToken).ConfigureAwait(false);
                created.Add(name);
            }

            return created;
        }
        catch (ApiException exception)
        {
            throw ProblemReader.FromApiException(exception, state);
        }
    }

    private EventPost ToPost(Hook0Event e) => new()
    {
        ApplicationId = _options.ApplicationId,
        EventId = e.EventId,
        EventType = e.EventType,
        Payload = e.Payload,
        PayloadContentType = e.PayloadContentType,
        OccurredAt = e.OccurredAt,
        Labels = new EventPost_labels { AdditionalData = e.Labels.ToDictionary(kv => kv.Key, kv => (object)kv.Value) },
        Metadata = e.Metadata is null ? null : new EventPost_metadata { AdditionalData = e.Metadata.ToDictionary(kv => kv.Key, kv => (object)kv.Value) },
    };
}
