using Hook0.Modules.Ingestion.Contracts;
using Hook0.Modules.Ingestion.Data;
using Hook0.Modules.Ingestion.Domain;
using Microsoft.EntityFrameworkCore;

namespace Hook0.Modules.Ingestion.ListEvents;

/// <summary>
/// The events whose JSON payload holds <see cref="PayloadCriteria"/>: <c>event.payload_json(payload) @&gt; $doc</c>, the
/// expression and predicate (<c>searchable</c>, ADR 0025) of the GIN index <c>ix_event_payload_json</c>, so each day partition answers through its
/// index; the application and the keyset on received_at then apply to those rows.
/// </summary>
internal static class PayloadFilter
{
    public static IQueryable<Event> WithPayload(this IQueryable<Event> events, PayloadCriteria criteria)
    {
        // The partial index's predicate, written as such so the planner proves it whatever the plan cache does. Events of the
        // application ingested before its payload search was turned on are not searchable: they are not in the index.
        events = events.Where(e => e.Searchable);
        if (criteria.Contains is { } contains)
        {
            events = events.Where(e => EF.Functions.JsonContains(PayloadJson.Of(e.Payload), contains));
        }

        if (criteria.AnyOf.Count == 1)
        {
            var only = criteria.AnyOf[0];
            events = events.Where(e => EF.Functions.JsonContains(PayloadJson.Of(e.Payload), only));
        }
        else if (criteria.AnyOf.Count == 2)
        {
            // The value as a string or as a number: two index probes OR-ed (a BitmapOr), where a JSON path query would
            // be answered less precisely by the index.
            var (asText, asNumber) = (criteria.AnyOf[0], criteria.AnyOf[1]);
            events = events.Where(e => EF.Functions.JsonContains(PayloadJson.Of(e.Payload), asText)
                || EF.Functions.JsonContains(PayloadJson.Of(e.Payload), asNumber));
        }

        return events;
    }
}
