#!/usr/bin/env bash
# Installs the real MCP peers Gatehouse tests run against, at the exact versions of
# package-lock.json, and a Node 22 runtime for the conformance suite (which needs Node >= 22).
#
#   test-peers/install.sh          # idempotent: does nothing when everything is in place
#   test-peers/install.sh --force  # reinstall
#
# Afterwards:
#   test-peers/node_modules/...                 the npm packages (server-everything, SDKs, suite)
#   test-peers/node/node_modules/.bin/node      Node 22, used by scripts/conformance.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NODE22_VERSION="22.23.3"
FORCE=0
[[ "${1:-}" == "--force" ]] && FORCE=1

cd "$HERE"
command -v npm >/dev/null || { echo "install.sh: npm not found on PATH" >&2; exit 1; }

lock_sum() { sha256sum package-lock.json | cut -d' ' -f1; }
STAMP="node_modules/.gatehouse-lock.sha256"

if [[ $FORCE == 0 && -f "$STAMP" && "$(cat "$STAMP")" == "$(lock_sum)" ]]; then
  echo "test-peers: node_modules matches package-lock.json, skipping npm ci"
else
  echo "test-peers: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  lock_sum > "$STAMP"
fi

NODE22="$HERE/node/node_modules/.bin/node"
if [[ $FORCE == 0 && -x "$NODE22" && "$("$NODE22" --version 2>/dev/null)" == "v$NODE22_VERSION" ]]; then
  echo "test-peers: Node $NODE22_VERSION already installed"
else
  echo "test-peers: installing Node $NODE22_VERSION from npm into test-peers/node"
  mkdir -p "$HERE/node"
  npm install --prefix "$HERE/node" --no-save --no-audit --no-fund --loglevel=error \
    "node@$NODE22_VERSION"
  [[ "$("$NODE22" --version)" == "v$NODE22_VERSION" ]] || {
    echo "install.sh: Node $NODE22_VERSION did not install at $NODE22" >&2
    exit 1
  }
fi

MCP="$HERE/node_modules/@modelcontextprotocol"
cat <<INFO
test-peers ready:
  node 22            $NODE22
  conformance        $MCP/conformance/dist/index.js   (run with node 22)
  server-everything  $MCP/server-everything/dist/index.js   (stdio | streamableHttp; preload bind-loopback.cjs for HTTP)
  bind-loopback      $HERE/bind-loopback.cjs
  sdk (v1 client)    $MCP/sdk
  client / server v2 $MCP/client  $MCP/server
  inspector-cli      $HERE/node_modules/.bin/mcp-inspector-cli
INFO
