// Drives @biscuit-auth/biscuit-wasm (the reference implementation compiled to WebAssembly) for the
// C# interoperability tests. Reads one JSON request on stdin, writes one line "RESULT:<json>".
// Run with: node --no-warnings --experimental-wasm-modules biscuit/biscuit-tool.mjs
import * as biscuit from "@biscuit-auth/biscuit-wasm";

const { Biscuit, AuthorizerBuilder, BlockBuilder, PrivateKey, PublicKey, Rule, SignatureAlgorithm, ThirdPartyRequest } = biscuit;

function parsePublicKey(text) {
  const [name, hex] = text.split("/");
  const algorithm = name === "secp256r1" ? SignatureAlgorithm.Secp256r1 : SignatureAlgorithm.Ed25519;
  return PublicKey.fromString(hex, algorithm);
}

function blockOf(code) {
  const block = new BlockBuilder();
  block.addCode(code);
  return block;
}

function mint(request) {
  const builder = Biscuit.builder();
  builder.addCode(request.authority);
  let token = builder.build(PrivateKey.fromString(request.rootPrivateKey));
  for (const code of request.blocks ?? []) {
    token = token.appendBlock(blockOf(code));
  }
  if (request.thirdParty) {
    const thirdPartyKey = PrivateKey.fromString(request.thirdParty.privateKey);
    const block = token.getThirdPartyRequest().createBlock(thirdPartyKey, blockOf(request.thirdParty.code));
    token = token.appendThirdPartyBlock(parsePublicKey(request.thirdParty.publicKey), block);
  }
  if (request.seal) {
    token = token.sealToken();
  }
  return { token: token.toBase64() };
}

function attenuate(request) {
  const token = Biscuit.fromBase64(request.token, parsePublicKey(request.rootPublicKey));
  return { token: token.appendBlock(blockOf(request.code)).toBase64() };
}

function thirdPartyBlock(request) {
  const thirdPartyRequest = ThirdPartyRequest.fromBase64(request.request);
  const block = thirdPartyRequest.createBlock(PrivateKey.fromString(request.privateKey), blockOf(request.code));
  return { block: block.toBase64() };
}

function authorize(request) {
  const token = Biscuit.fromBase64(request.token, parsePublicKey(request.rootPublicKey));
  const result = {
    revocationIds: token.getRevocationIdentifiers(),
    blocks: Array.from({ length: token.countBlocks() }, (_, i) => token.getBlockSource(i)),
  };
  const { authorizer, policy, error } = authorizeWithRetry(() => {
    const builder = new AuthorizerBuilder();
    builder.addCode(request.authorizer);
    return builder.buildAuthenticated(token);
  });
  if (error === undefined) {
    result.policy = policy;
  } else {
    result.error = error;
  }
  if (request.query) {
    result.query = authorizer.queryWithLimits(Rule.fromString(request.query), limits).map((fact) => fact.toString());
  }
  return result;
}

// The wasm build's default time budget is tight for a cold WebAssembly start; be generous in tests.
const limits = { max_facts: 1000, max_iterations: 100, max_time_micro: 5_000_000 };

// Even so, a cold run of the wasm engine occasionally reports RunLimit Timeout; a spurious timeout
// is retried on a fresh authorizer (any other outcome is final).
function authorizeWithRetry(build) {
  for (let attempt = 1; ; attempt++) {
    const authorizer = build();
    try {
      return { authorizer, policy: authorizer.authorizeWithLimits(limits) };
    } catch (error) {
      if (error?.RunLimit !== "Timeout" || attempt >= 5) {
        return { authorizer, error };
      }
    }
  }
}

// Runs many authorizer programs (each without a token) and reports each outcome.
function evaluate(request) {
  return {
    results: request.authorizers.map((code) => {
      try {
        const { policy, error } = authorizeWithRetry(() => {
          const builder = new AuthorizerBuilder();
          builder.addCode(code);
          return builder.buildUnauthenticated();
        });
        return error === undefined ? { policy } : { error };
      } catch (error) {
        return { error: typeof error === "object" ? error : { Language: String(error) } };
      }
    }),
  };
}

// Parses checks with the reference parser and prints them back (or reports the parse error).
function print(request) {
  return {
    results: request.checks.map((source) => {
      try {
        return { text: biscuit.Check.fromString(source).toString() };
      } catch (error) {
        return { error: typeof error === "object" ? error : String(error) };
      }
    }),
  };
}

const operations = { mint, attenuate, thirdPartyBlock, authorize, evaluate, print };

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) {
  input += chunk;
}

try {
  const request = JSON.parse(input);
  const operation = operations[request.op];
  if (!operation) {
    throw new Error(`unknown operation ${request.op}`);
  }
  process.stdout.write("RESULT:" + JSON.stringify(operation(request)) + "\n");
} catch (error) {
  process.stdout.write("RESULT:" + JSON.stringify({ failure: typeof error === "object" ? error : String(error), message: String(error?.message ?? error) }) + "\n");
  process.exitCode = 1;
}
