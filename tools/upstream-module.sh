# Sourced by the plugin build scripts: shared failure reporting and the checked download of a pinned upstream module.

fail() { echo "build.sh: $*" >&2; exit 1; }

command -v go >/dev/null || fail "go is not on PATH"

# upstream_module_dir MODULE VERSION SUM: downloads the module (outside our tools module, so its go.mod and go.sum
# stay as committed), checks its checksum against the pin, and prints the folder that holds it.
upstream_module_dir() {
  local module="$1" version="$2" expected_sum="$3" scratch json dir sum
  scratch="$(mktemp -d)"
  json="$(cd "$scratch" && go mod download -json "$module@$version")" || { rm -rf "$scratch"; fail "could not download $module@$version: $json"; }
  rm -rf "$scratch"
  dir="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  sum="$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Sum": "\(.*\)",$/\1/p')"
  [ -n "$dir" ] && [ -d "$dir" ] || fail "no module directory in go mod download output: $json"
  [ "$sum" = "$expected_sum" ] || fail "checksum of $module@$version is $sum, expected $expected_sum"
  printf '%s\n' "$dir"
}
