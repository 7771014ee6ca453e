// A fast webhook receiver for benchmarks: answers 200 at once and records when each event arrived, and on which path
// (bench/core.sh gives each subscription its own path).
// Usage: node receiver.mjs <port> <arrivals.jsonl>
import http from 'node:http';
import fs from 'node:fs';

const [port, out] = process.argv.slice(2);
const sink = fs.createWriteStream(out, { flags: 'a' });
let count = 0;
// Paths under /capped model a receiver with a fixed capacity (issue #26's AIMD bench): 429 once it has accepted
// CAPPED_PER_SECOND (100) requests in the last second, no Retry-After.
const cap = Number(process.env.CAPPED_PER_SECOND ?? 100);
const accepted = [];
http.createServer((req, res) => {
  const at = Date.now(); // wall clock, comparable across processes (see e2e.mjs)
  req.resume();
  req.on('end', () => {
    count++;
    let status = 200;
    if (req.url.startsWith('/capped')) {
      while (accepted.length > 0 && at - accepted[0] >= 1000) accepted.shift();
      if (accepted.length >= cap) status = 429; else accepted.push(at);
    }
    sink.write(`${JSON.stringify({ id: req.headers['x-event-id'], at, path: req.url, status })}\n`);
    res.statusCode = status;
    res.end(status === 200 ? 'ok' : 'slow down');
  });
}).listen(Number(port), '127.0.0.1', () => process.stdout.write(`receiver listening on ${port}\n`));
setInterval(() => process.stdout.write(`received ${count}\n`), 1000).unref();
