#!/usr/bin/env bash
# Builds pulumi-resource-command, the Pulumi command resource plugin, as our
# own provider written for the lab (provider/): the upstream provider's Go
# module (pulumi-command) is not served by the module proxy here. It serves
# command:local:Command and the command:local:run invoke with the wire contract
# of the npm @pulumi/command SDK (inputs, outputs, secrets, preview unknowns,
# replace on triggers); command:remote:* answers that it is not built in.
# Only Go modules are needed (pulumi/pulumi/sdk/v3 and gobwas/glob, go.mod).
#
# Usage: tools/pulumi-resource-command/build.sh OUTPUT_PATH
# Env:   VERSION (default 1.2.1): plugin version; must equal the npm @pulumi/command version.
# Then:  pulumi plugin install resource command 1.2.1 --file OUTPUT_PATH
set -euo pipefail

OUT="${1:-}"
if [ -z "$OUT" ]; then
  echo "usage: $0 OUTPUT_PATH" >&2
  exit 2
fi
VERSION="${VERSION:-1.2.1}"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
cd "$HERE"

# shellcheck source=../upstream-module.sh
. "$HERE/../upstream-module.sh"

ldflags="-X vm-container-lab/tools/pulumi-resource-command/provider.Version=$VERSION"
mkdir -p "$(dirname "$OUT")"
go build -ldflags "$ldflags" -o "$OUT" ./cmd/pulumi-resource-command \
  || fail "building pulumi-resource-command failed"
echo "built $OUT (command provider $VERSION)"
