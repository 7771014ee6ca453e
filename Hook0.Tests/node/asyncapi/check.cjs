// Checks an AsyncAPI document as a consumer's tools would: against the AsyncAPI 3.0.0 JSON Schema (@asyncapi/specs,
// with ajv) and through the reference parser (@asyncapi/parser), which also resolves references and reads each
// message's payload schema. Argument: the document's path (JSON or YAML). Prints one JSON line: the schema errors,
// the parser's error/warning diagnostics, and what the parsed model holds (each message with its payload's JSON), so
// the NUnit test asserts on the model, not on text.
const fs = require('fs');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');
const specs = require('@asyncapi/specs');
const { Parser, DiagnosticSeverity } = require('@asyncapi/parser');

async function main() {
  const text = fs.readFileSync(process.argv[2], 'utf8');
  const result = { schemaErrors: [], diagnostics: [], messages: [] };
  if (text.trimStart().startsWith('{')) {
    const ajv = new Ajv({ allErrors: true, strict: false, meta: false, validateSchema: false });
    addFormats(ajv);
    const validate = ajv.compile(specs.schemas['3.0.0']);
    if (!validate(JSON.parse(text))) {
      result.schemaErrors = validate.errors.map(e => `${e.instancePath} ${e.message}`);
    }
  }
  const { document, diagnostics } = await new Parser().parse(text);
  result.diagnostics = diagnostics
    .filter(d => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
    .map(d => `${d.severity === DiagnosticSeverity.Error ? 'error' : 'warning'} ${d.code} ${d.path.join('/')}: ${d.message}`);
  if (document) {
    result.version = document.version();
    result.title = document.info().title();
    for (const message of document.allMessages()) {
      result.messages.push({
        id: message.id(),
        name: message.name(),
        description: message.description() ?? null,
        headers: message.hasHeaders() ? Object.keys(message.headers().properties() ?? {}) : [],
        payload: message.hasPayload() ? message.payload().json() : null,
        examples: message.examples().all().map(e => e.payload() ?? null),
        extensions: Object.fromEntries(message.extensions().all().map(x => [x.id(), x.value()])),
      });
    }
    result.operations = document.allOperations().all().map(o => ({ id: o.id(), action: o.action() }));
    result.document = document.json();
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch(e => { process.stdout.write(JSON.stringify({ failure: String(e && e.stack || e) }) + '\n'); process.exit(1); });
