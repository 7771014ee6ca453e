#!/usr/bin/env bash
# Regenerates Hook0.Client from the server's current OpenAPI document, in one command:
#   1. exports the document to Hook0.Client/openapi.json (the ClientDocumentTests test, run against a throwaway
#      PostgreSQL by scripts/test.sh with HOOK0_UPDATE_CLIENT_DOCUMENT=1);
#   2. runs Kiota (the version pinned in .config/dotnet-tools.json) offline into Hook0.Client/Generated.
# Commit both with the API change. `--generate-only` skips step 1 (the regeneration test runs only step 2, into a
# copy named by HOOK0_CLIENT_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${HOOK0_CLIENT_DIR:-Hook0.Client}"
if [ "${1:-}" != "--generate-only" ]; then
  HOOK0_UPDATE_CLIENT_DOCUMENT=1 bash scripts/test.sh --filter "FullyQualifiedName~Hook0.Tests.Client.ClientDocumentTests"
fi
# No update check, no telemetry, no download: generation reads only the local document.
export KIOTA_UPDATE__DISABLED=true KIOTA_OFFLINE_ENABLED=true KIOTA_CLI_TELEMETRY_OPTOUT=true
dotnet tool restore >/dev/null
dotnet kiota generate --language CSharp --openapi "$dir/openapi.json" --output "$dir/Generated" \
  --class-name Hook0ApiClient --namespace-name Hook0.Client.Generated \
  --exclude-backward-compatible --clean-output --disable-validation-rules All --log-level Warning >/dev/null
# Kiota's log names absolute paths and times: not part of the client.
rm -f "$dir/Generated/.kiota.log"
