// Verifies a delivered webhook as a Standard Webhooks receiver would, with the published npm
// `standardwebhooks` package (unmodified) for v1 and Node's own Ed25519 for v1a.
// Arguments: base64 body, JSON object of the delivered headers, JSON array of whsec_ secrets,
// whpk_ public key or "-". Prints one JSON line: {"secrets":[true|false,...],"v1a":true|false|null}.
const crypto = require('node:crypto');
const { Webhook } = require('standardwebhooks');

const [bodyBase64, headersJson, secretsJson, publicKey] = process.argv.slice(2);
const body = Buffer.from(bodyBase64, 'base64');
const headers = JSON.parse(headersJson);

function verifiesWith(secret) {
  try {
    new Webhook(secret).verify(body, headers);
    return true;
  } catch (e) {
    // The library parses the body as JSON after a good signature: a non-JSON body still verified.
    return e instanceof SyntaxError;
  }
}

function verifiesV1a(whpk) {
  const raw = Buffer.from(whpk.replace(/^whpk_/, ''), 'base64');
  // SubjectPublicKeyInfo for Ed25519 (RFC 8410) followed by the 32 raw bytes.
  const key = crypto.createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
  const signed = Buffer.concat([Buffer.from(`${headers['webhook-id']}.${headers['webhook-timestamp']}.`), body]);
  return headers['webhook-signature'].split(' ')
    .filter((entry) => entry.startsWith('v1a,'))
    .some((entry) => crypto.verify(null, signed, key, Buffer.from(entry.slice(4), 'base64')));
}

process.stdout.write(JSON.stringify({
  secrets: JSON.parse(secretsJson).map(verifiesWith),
  v1a: publicKey === '-' ? null : verifiesV1a(publicKey),
}) + '\n');
