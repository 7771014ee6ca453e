// End-to-end latency: sends events at a fixed rate, then reads the receiver's arrivals and prints p50/p99
// of (arrival - ingest) in ms. The ingest side is the event's received_at from the 201 answer (the
// database's clock as the event is inserted, just before its commit and answer), the arrival is the
// receiver's Date.now(): one system clock, and no dependence on when this busy sender gets round to
// reading each answer (timing the answers here gave negative latencies on a loaded machine), at the
// price of counting the commit itself (conservative).
// Usage: node e2e.mjs <apiBase> <secret> <applicationId> <eventType> <ratePerSecond> <seconds> <arrivals.jsonl>
import fs from 'node:fs';

const [api, secret, app, type, rate, seconds, arrivalsFile] = process.argv.slice(2);
const answered = new Map();
const total = Number(rate) * Number(seconds);
const interval = 1000 / Number(rate);
const start = performance.now();
const sends = [];
const answers = []; // the sender's own view of each answer (send → 201), for the break-down only
for (let i = 0; i < total; i++) {
  const due = start + i * interval;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const sentAt = performance.now();
  sends.push(fetch(`${api}/event`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ application_id: app, event_type: type, payload: '{"e2e":true}', payload_content_type: 'application/json',
      labels: { env: 'bench' }, occurred_at: new Date().toISOString() }),
  }).then(async (r) => { const b = await r.json(); answers.push(performance.now() - sentAt); answered.set(b.event_id, Date.parse(b.received_at)); }));
}
await Promise.all(sends);
await new Promise((r) => setTimeout(r, 3000));
const latencies = fs.readFileSync(arrivalsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l))
  .filter((a) => answered.has(a.id)).map((a) => a.at - answered.get(a.id)).sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
answers.sort((a, b) => a - b);
const apct = (p) => Math.round(answers[Math.min(answers.length - 1, Math.floor(p * answers.length))]);
process.stdout.write(JSON.stringify({ sent: total, delivered: latencies.length, p50: pct(0.5), p99: pct(0.99),
  answer_p50: apct(0.5), answer_p99: apct(0.99) }) + '\n');
