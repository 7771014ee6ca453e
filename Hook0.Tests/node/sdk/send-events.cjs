// Drives the published hook0-client SDK (unmodified) against a running server:
// upserts event types, then sends events. Prints one JSON line with what the SDK answered.
const { Hook0Client, Event } = require('hook0-client');

async function main() {
  const [apiUrl, applicationId, token] = process.argv.slice(2);
  const client = new Hook0Client(apiUrl, applicationId, token);
  const added = await client.upsertEventTypes(['billing.invoice.paid', 'billing.invoice.voided']);
  const addedAgain = await client.upsertEventTypes(['billing.invoice.paid']);
  const first = await client.sendEvent(new Event('billing.invoice.paid', JSON.stringify({ amount: 42 }), 'application/json', { tenant: 'acme' }));
  const second = await client.sendEvent(new Event('billing.invoice.voided', 'plain text', 'text/plain', { tenant: 'acme' }, { source: 'sdk' }));
  let duplicateRefused = false;
  try {
    await client.sendEvent(new Event('billing.invoice.paid', '{}', 'application/json', { tenant: 'acme' }, undefined, new Date(), first));
  } catch (e) {
    duplicateRefused = String(e.message).includes('EventAlreadyIngested');
  }
  process.stdout.write(JSON.stringify({ added, addedAgain, events: [first, second], duplicateRefused }) + '\n');
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });
