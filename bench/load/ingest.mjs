// Ingest throughput: after a 5 s warm-up, autocannon POSTs /api/v1/event (1 KiB JSON payload, application secret) for a
// fixed time at a fixed concurrency and prints {rps, p50, p99, non2xx}. With a rate (events/s, 0 = as fast as possible)
// it sends at that overall rate instead (the soak of the large mode), without warm-up.
// Usage: node ingest.mjs <apiBase> <secret> <applicationId> <eventType> <connections> <seconds> [rate]
import autocannon from 'autocannon';

const [api, secret, app, type, connections, seconds, rate] = process.argv.slice(2);
const payload = JSON.stringify({ data: 'x'.repeat(1000) });
const eventBody = (p) => JSON.stringify({
  application_id: app, event_type: type, payload: p, payload_content_type: 'application/json',
  labels: { env: 'bench' }, occurred_at: new Date().toISOString(),
});
const body = eventBody(payload);
const options = {
  url: `${api}/event`, method: 'POST', connections: Number(connections), duration: Number(seconds),
  headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body,
};
// BENCH_PAYLOAD_KEYS=N: each event's payload is N keys with values no other event has (about 1 KiB at 30), the shape
// that costs an index over payloads the most; 0 (default) keeps the one-key payload above.
const keys = Number(process.env.BENCH_PAYLOAD_KEYS ?? 0);
if (keys > 0) {
  let n = 0;
  options.requests = [{ setupRequest: (request) => {
    n++;
    const p = {};
    for (let i = 0; i < keys; i++) p[`field_${i}`] = `${n}-${i}-${Math.random().toString(36).slice(2, 10)}`;
    return { ...request, body: eventBody(JSON.stringify(p)) };
  } }];
}
if (Number(rate) > 0) {
  options.overallRate = Number(rate);
} else {
  // A warm-up run first: the JIT and connection pools settle before anything is counted.
  await autocannon({ ...options, duration: 5 });
}
const result = await autocannon(options);
process.stdout.write(JSON.stringify({
  rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
  total: result.requests.total, non2xx: result.non2xx, errors: result.errors,
}) + '\n');
