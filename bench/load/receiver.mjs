// A fast webhook receiver for benchmarks: answers 200 at once and records when each event arrived, and on which path
// (bench/core.sh gives each subscription its own path).
// Usage: node receiver.mjs <port> <arrivals.jsonl>
import http from 'node:http';
import fs from 'node:fs';

const [port, out] = process.argv.slice(2);
const sink = fs.createWriteStream(out, { flags: 'a' });
let count = 0;
http.createServer((req, res) => {
  const at = Date.now(); // wall clock, comparable across processes (see e2e.mjs)
  req.resume();
  req.on('end', () => {
    count++;
    sink.write(`${JSON.stringify({ id: req.headers['x-event-id'], at, path: req.url })}\n`);
    res.end('ok');
  });
}).listen(Number(port), '127.0.0.1', () => process.stdout.write(`receiver listening on ${port}\n`));
setInterval(() => process.stdout.write(`received ${count}\n`), 1000).unref();
