// Verifies a delivered webhook with the published hook0-client SDK (unmodified), as a receiver would.
// Arguments: signature header, base64 body, JSON object of the delivered headers, subscription secret.
const { verifyWebhookSignature } = require('hook0-client');

const [signature, bodyBase64, headersJson, secret] = process.argv.slice(2);
const headers = new Headers(JSON.parse(headersJson));
try {
  verifyWebhookSignature(signature, Buffer.from(bodyBase64, 'base64'), headers, secret, 300);
  process.stdout.write('valid\n');
} catch (e) {
  process.stdout.write(`invalid: ${e.message}\n`);
}
