// Batch ingest throughput (issue #21): after a warm-up (BENCH_WARMUP_SECONDS, 5 s), autocannon POSTs /api/v1/events/batch, each body a JSON array of
// <size> events as the single route takes them (1 KiB JSON payload each), for a fixed time at a fixed concurrency, and
// prints {events_per_s, rps, p50, p99, non2xx} (latency is per batch request).
// Usage: node batch.mjs <apiBase> <secret> <applicationId> <eventType> <connections> <seconds> <size>
import autocannon from 'autocannon';

const [api, secret, app, type, connections, seconds, size] = process.argv.slice(2);
const payload = JSON.stringify({ data: 'x'.repeat(1000) });
const event = {
  application_id: app, event_type: type, payload, payload_content_type: 'application/json',
  labels: { env: 'bench' }, occurred_at: new Date().toISOString(),
};
const body = JSON.stringify(Array.from({ length: Number(size) }, () => event));
const options = {
  url: `${api}/events/batch`, method: 'POST', connections: Number(connections), duration: Number(seconds),
  headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body,
};
// BENCH_WARMUP_SECONDS (5): a longer warm-up lets tiered compilation finish on a freshly started server.
await autocannon({ ...options, duration: Number(process.env.BENCH_WARMUP_SECONDS ?? 5) });
const result = await autocannon(options);
process.stdout.write(JSON.stringify({
  events_per_s: result.requests.average * Number(size), rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
  total: result.requests.total, non2xx: result.non2xx, errors: result.errors,
}) + '\n');
