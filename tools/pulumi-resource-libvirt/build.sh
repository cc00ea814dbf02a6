#!/usr/bin/env bash
# Builds pulumi-resource-libvirt, the Pulumi libvirt resource plugin, from Go
# modules only: the upstream Terraform libvirt provider
# (github.com/dmacvicar/terraform-provider-libvirt, imported directly as a Go
# module; its libvirt.Provider() is public, so no shim is needed) wrapped by
# pulumi-terraform-bridge. Tokens are libvirt:index/<name>:<Name>
# (e.g. libvirt:index/network:Network). The @pulumi/libvirt Node SDK is
# generated from the installed plugin's schema by `npm run sdk`
# (cmd/gen-nodejs-sdk; see there why not `pulumi package gen-sdk`).
#
# Usage: tools/pulumi-resource-libvirt/build.sh OUTPUT_PATH
# Env:   VERSION (default 0.8.3): plugin version (matches the upstream provider version).
set -euo pipefail

OUT="${1:-}"
if [ -z "$OUT" ]; then
  echo "usage: $0 OUTPUT_PATH" >&2
  exit 2
fi
VERSION="${VERSION:-0.8.3}"

# Upstream Terraform provider, pinned (also required at this version in go.mod).
UPSTREAM_MOD="github.com/dmacvicar/terraform-provider-libvirt"
UPSTREAM_VER="v0.8.3"
UPSTREAM_SUM="h1:E6ftS8RMCoCopzSYlsMt7gBkmtoSoV80f+648EAjyx8="

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
cd "$HERE"

# shellcheck source=../upstream-module.sh
. "$HERE/../upstream-module.sh"

# 1. Locate the upstream module source (for its docs: website/docs/{r,d}).
dir="$(upstream_module_dir "$UPSTREAM_MOD" "$UPSTREAM_VER" "$UPSTREAM_SUM")"

# 2. Generate the Pulumi schema that the plugin embeds.
ldflags="-X vm-container-lab/tools/pulumi-resource-libvirt/provider.Version=$VERSION"
mkdir -p .work/bin .work/schema
go build -ldflags "$ldflags" -o .work/bin/pulumi-tfgen-libvirt ./cmd/pulumi-tfgen-libvirt \
  || fail "building pulumi-tfgen-libvirt failed"
LIBVIRT_UPSTREAM_REPO_PATH="$dir" .work/bin/pulumi-tfgen-libvirt schema --skip-examples --out .work/schema \
  > .work/tfgen.log 2>&1 || { tail -n 30 .work/tfgen.log >&2; fail "schema generation failed (log: $HERE/.work/tfgen.log)"; }
[ -s .work/schema/schema.json ] || fail "schema generation produced no .work/schema/schema.json (log: $HERE/.work/tfgen.log)"
cp .work/schema/schema.json cmd/pulumi-resource-libvirt/schema.json

# 3. The plugin itself.
mkdir -p "$(dirname "$OUT")"
go build -ldflags "$ldflags" -o "$OUT" ./cmd/pulumi-resource-libvirt \
  || fail "building pulumi-resource-libvirt failed"
echo "built $OUT (libvirt provider $VERSION)"

