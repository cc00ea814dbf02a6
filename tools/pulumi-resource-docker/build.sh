#!/usr/bin/env bash
# Builds pulumi-resource-docker, the Pulumi docker resource plugin, from Go
# modules only: the upstream Terraform docker provider (kreuzwerker) wrapped by
# pulumi-terraform-bridge, with tokens and property names matching the
# @pulumi/docker npm SDK (docker:index/container:Container, ...). The
# pulumi-docker provider module itself is not served by the module proxy here,
# so provider/resources.go is our own small mapping; the SDK's native
# docker.Image (buildx) resource is therefore not available.
#
# Usage: tools/pulumi-resource-docker/build.sh OUTPUT_PATH
# Env:   VERSION (default 5.0.0): plugin version; must equal the npm @pulumi/docker version.
set -euo pipefail

OUT="${1:-}"
if [ -z "$OUT" ]; then
  echo "usage: $0 OUTPUT_PATH" >&2
  exit 2
fi
VERSION="${VERSION:-5.0.0}"

# Upstream Terraform provider, pinned. Its go.mod declares the module path
# github.com/terraform-providers/terraform-provider-docker, which go.mod
# replaces with the local copy in .upstream (plus our shim package).
UPSTREAM_MOD="github.com/kreuzwerker/terraform-provider-docker"
UPSTREAM_VER="v0.0.0-20260916201441-96d331c98ff4"
UPSTREAM_SUM="h1:T3HvvZCRd4h2qkMl+SXA2zza26Rdz8xqV81skikQWy4="

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
case "$OUT" in /*) ;; *) OUT="$PWD/$OUT" ;; esac
cd "$HERE"

# shellcheck source=../upstream-module.sh
. "$HERE/../upstream-module.sh"

# 1. Fetch the upstream module (outside our module so go.mod/go.sum stay as committed).
dir="$(upstream_module_dir "$UPSTREAM_MOD" "$UPSTREAM_VER" "$UPSTREAM_SUM")"

# 2./3. Writable copy of it with our shim package dropped in.
stamp="$UPSTREAM_VER $(cat shim/*.go | cksum)"
if [ "$(cat .upstream/.stamp 2>/dev/null || true)" != "$stamp" ]; then
  rm -rf .upstream
  cp -R "$dir" .upstream
  chmod -R u+w .upstream
  mkdir -p .upstream/shim
  cp shim/*.go .upstream/shim/
  echo "$stamp" > .upstream/.stamp
fi

# 4. Generate the Pulumi schema that the plugin embeds.
ldflags="-X vm-container-lab/tools/pulumi-resource-docker/provider.Version=$VERSION"
mkdir -p .work/bin .work/schema
go build -tags no_compose -ldflags "$ldflags" -o .work/bin/pulumi-tfgen-docker ./cmd/pulumi-tfgen-docker \
  || fail "building pulumi-tfgen-docker failed"
DOCKER_UPSTREAM_REPO_PATH="$HERE/.upstream" .work/bin/pulumi-tfgen-docker schema --skip-examples --out .work/schema \
  > .work/tfgen.log 2>&1 || { tail -n 30 .work/tfgen.log >&2; fail "schema generation failed (log: $HERE/.work/tfgen.log)"; }
cp .work/schema/schema.json cmd/pulumi-resource-docker/schema.json

# 5. The plugin itself.
mkdir -p "$(dirname "$OUT")"
go build -tags no_compose -ldflags "$ldflags" -o "$OUT" ./cmd/pulumi-resource-docker \
  || fail "building pulumi-resource-docker failed"
echo "built $OUT (docker provider $VERSION)"
