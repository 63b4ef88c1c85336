#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance, pinned in
# test-peers/package-lock.json, on Node 22) against MCP servers directly and through the gateway,
# prints the summaries and fails when a gateway result differs from the direct one: the gateway
# must be transparent (FEATURES P7).
#
# Usage:
#   scripts/conformance.sh                  # the runs below, each direct and through
#                                           # `./gatehouse serve` (exposed with "prefix": "")
#     1. fixture:    our ConformanceServer (gatehouse-testkit); must also pass every scenario
#     2. everything: @modelcontextprotocol/server-everything over Streamable HTTP
#     3. stateless:  the 2026-07-28 scenarios of the 0.2.0 pre-release suite (`--requirements
#                    2026-07-28`) against the fixture serving both eras (--dual-era), direct and
#                    through the gateway, which then speaks 2026-07-28 upstream as well
#     4. bridged:    the session-era suite against that dual-era fixture, direct and through the
#                    gateway: session-era clients reach a 2026-07-28 upstream (input requests
#                    become sampling/elicitation requests, subscriptions become a listen stream)
#   scripts/conformance.sh --only fixture   # one of them
#   scripts/conformance.sh --direct-url URL [--gateway-url URL]
#                                           # already running endpoints (compared when both)
#   scripts/conformance.sh ... -- --scenario tools-list
#                                           # anything after -- goes to the suite
#
# Exit status: 0 when no scenario fares worse through the gateway than direct (and the fixture
# passes everything); 1 otherwise. Output of every run is kept in target/conformance/NAME/.
# Only loopback addresses are used; every process started here is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# shellcheck source=../.mvn/jdk.sh
. .mvn/jdk.sh

OUT="$ROOT/target/conformance"
PEERS="$ROOT/test-peers"
NODE22="$PEERS/node/node_modules/.bin/node"
SUITE="$PEERS/node_modules/@modelcontextprotocol/conformance/dist/index.js"
# The 0.2.0 pre-release (npm alias in test-peers/package.json) has the 2026-07-28 scenarios.
SUITE_NEXT="$PEERS/node_modules/conformance-next/dist/index.js"

DIRECT_URL=""
GATEWAY_URL=""
ONLY=""
SUITE_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --direct-url) DIRECT_URL="$2"; shift 2 ;;
    --gateway-url) GATEWAY_URL="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --) shift; SUITE_ARGS=("$@"); break ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "conformance: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

log() { echo "conformance: $*" >&2; }

# Waits until a log file shows "listening on URL" and prints the URL.
await_url() {
  local logfile="$1" pid="$2" url=""
  for _ in $(seq 1 600); do
    url="$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$logfile" | head -n 1)"
    if [[ -n "$url" ]]; then
      echo "$url"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "the server exited before listening; its log:"
      cat "$logfile" >&2
      return 1
    fi
    sleep 0.1
  done
  log "the server did not start within 60 s; its log: $logfile"
  return 1
}

# Builds gatehouse-testkit and writes its runtime class path to target/conformance/classpath.
build_fixture() {
  log "building gatehouse-testkit"
  mkdir -p "$OUT"
  ./mvnw -q -B -Dspotless.check.skip=true -pl gatehouse-testkit -am package -DskipTests \
    dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$OUT/classpath.txt" >&2
  local jar
  jar="$(ls "$ROOT"/gatehouse-testkit/target/gatehouse-testkit-*.jar | grep -v -- '-sources\|-tests' | head -n 1)"
  echo "$jar:$(cat "$OUT/classpath.txt")" > "$OUT/classpath"
  FIXTURE_BUILT=1
}
FIXTURE_BUILT=0

# Starts the ConformanceServer over HTTP on a free loopback port and sets DIRECT_URL; extra
# arguments (--dual-era) go to the server.
# (Not called in $(...): the PID must reach PIDS in this shell, so cleanup can stop it.)
start_fixture() {
  local logfile="$OUT/fixture${1:+-dual-era}.log"
  "$JAVA_HOME/bin/java" -cp "$(cat "$OUT/classpath")" \
    dev.gatehouse.testkit.ConformanceServerMain --http 0 "$@" > "$logfile" 2>&1 &
  PIDS+=($!)
  DIRECT_URL="$(await_url "$logfile" "$!")"
}

# Picks a free loopback port.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until something accepts connections on a loopback port.
await_port() {
  local port="$1" pid="$2"
  for _ in $(seq 1 600); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "the process on port $port exited before listening"
      return 1
    fi
    sleep 0.1
  done
  log "nothing listened on port $port within 60 s"
  return 1
}

# Starts server-everything over Streamable HTTP on loopback and sets DIRECT_URL.
start_everything() {
  local port
  port="$(free_port)"
  PORT="$port" node --require "$PEERS/bind-loopback.cjs" \
    "$PEERS/node_modules/@modelcontextprotocol/server-everything/dist/index.js" streamableHttp \
    > "$OUT/everything.log" 2>&1 &
  PIDS+=($!)
  await_port "$port" "$!"
  DIRECT_URL="http://127.0.0.1:$port/mcp"
}

# start_gateway NAME UPSTREAM_URL [STREAM_RESPONSES]: starts `./gatehouse serve` with the
# upstream as its only server, names exposed as they are ("prefix": ""), and sets GATEWAY_URL.
start_gateway() {
  local name="$1" upstream_url="$2" stream="${3:-false}"
  local config="$OUT/$1-gateway.json" logfile="$OUT/$1-gateway.log"
  cat > "$config" <<JSON
{
  "host": "127.0.0.1",
  "port": 0,
  "stream_responses": $stream,
  "mcpServers": {
    "$name": { "url": "$upstream_url", "transport": "http", "prefix": "" }
  }
}
JSON
  ./gatehouse serve --config "$config" > "$logfile" 2>&1 &
  PIDS+=($!)
  GATEWAY_URL="$(await_url "$logfile" "$!")"
  # Serve answers at once; the upstream's catalog arrives a moment later.
  for _ in $(seq 1 100); do
    grep -q "$name ready" "$logfile" && break
    sleep 0.1
  done
  sleep 1
}

# The suite and its arguments for the runs that follow (the stateless run switches them).
RUN_SUITE="$SUITE"
RUN_ARGS=()

# run_suite NAME URL: runs the suite, keeps its log, prints its summary block on stdout.
run_suite() {
  local name="$1" url="$2" dir="$OUT/$1" status=0
  rm -rf "$dir"
  mkdir -p "$dir"
  log "running the suite against $name: $url"
  "$NODE22" "$RUN_SUITE" server --url "$url" -o "$dir/results" \
    ${RUN_ARGS[@]+"${RUN_ARGS[@]}"} ${SUITE_ARGS[@]+"${SUITE_ARGS[@]}"} \
    > "$dir/suite.log" 2>&1 || status=$?
  # The summary without colours: one line per scenario and the total.
  sed 's/\x1b\[[0-9;]*m//g' "$dir/suite.log" |
    sed -n '/=== SUMMARY ===/,/^Total:/p' > "$dir/summary.txt"
  if [[ ! -s "$dir/summary.txt" ]]; then
    # A single --scenario run prints "Test Results" instead of a summary block.
    sed 's/\x1b\[[0-9;]*m//g' "$dir/suite.log" | sed -n '/^Test Results:/,$p' > "$dir/summary.txt"
  fi
  echo "$status" > "$dir/status"
  echo "--- $name ($url)"
  cat "$dir/summary.txt"
}

"$PEERS/install.sh" >&2

# compare NAME DIRECT_URL GATEWAY_URL: runs both, records whether the summaries are equal.
FAILED=0
compare() {
  local name="$1" direct="$2" gateway="$3"
  run_suite "$name/direct" "$direct"
  [[ -n "$gateway" ]] || return 0
  run_suite "$name/gateway" "$gateway"
  diff -u "$OUT/$name/direct/summary.txt" "$OUT/$name/gateway/summary.txt" \
    > "$OUT/$name/summary.diff" || true
  # Scenario by scenario: nothing may pass less through the gateway than direct. The gateway may
  # pass more where it adds protection of its own (it checks Host and Origin against DNS
  # rebinding even when the upstream does not); that is reported, not failed.
  if awk -v name="$name" '
      function parse(line, parts) {
        if (match(line, /^[^ ]+ [^:]+: [0-9]+ passed, [0-9]+ failed/) == 0) return 0
        split(line, parts, /[ :,]+/)
        scenario = parts[2]; passed = parts[3]; failed = parts[5]
        return 1
      }
      FNR == NR { if (parse($0)) { dp[scenario] = passed; df[scenario] = failed }; next }
      parse($0) {
        seen[scenario] = 1
        if (!(scenario in dp)) { print name ": " scenario " runs only through the gateway"; bad = 1 }
        else if (passed < dp[scenario] || failed > df[scenario]) {
          print name ": " scenario " is worse through the gateway: " passed " passed, " failed \
            " failed (direct: " dp[scenario] " passed, " df[scenario] " failed)"; bad = 1
        } else if (passed > dp[scenario] || failed < df[scenario]) {
          print name ": " scenario " is better through the gateway: " passed " passed, " failed \
            " failed (direct: " dp[scenario] " passed, " df[scenario] " failed)"
        }
      }
      END {
        for (s in dp) if (!(s in seen)) { print name ": " s " is missing through the gateway"; bad = 1 }
        exit bad
      }' "$OUT/$name/direct/summary.txt" "$OUT/$name/gateway/summary.txt"; then
    echo "conformance: $name: no scenario fares worse through the gateway than direct"
  else
    echo "conformance: $name: the gateway's result is WORSE than the direct result:"
    cat "$OUT/$name/summary.diff"
    FAILED=1
  fi
}

mkdir -p "$OUT"
if [[ -n "$DIRECT_URL" ]]; then
  compare custom "$DIRECT_URL" "$GATEWAY_URL"
  [[ -n "$GATEWAY_URL" ]] || exit "$(cat "$OUT/custom/direct/status")"
  exit "$FAILED"
fi

log "building the gateway and the fixture"
./mvnw -q -B -Dspotless.check.skip=true -DskipTests -pl gatehouse-cli -am package >&2

if [[ -z "$ONLY" || "$ONLY" == fixture ]]; then
  build_fixture
  start_fixture
  start_gateway fixture "$DIRECT_URL"
  compare fixture "$DIRECT_URL" "$GATEWAY_URL"
  # The fixture implements every scenario: anything less than all passing is a failure too.
  for run in direct gateway; do
    if [[ "$(cat "$OUT/fixture/$run/status")" != 0 ]]; then
      echo "conformance: fixture/$run: not every scenario passed"
      FAILED=1
    fi
  done
fi

if [[ -z "$ONLY" || "$ONLY" == stateless || "$ONLY" == bridged ]]; then
  [[ "$FIXTURE_BUILT" == 1 ]] || build_fixture
  start_fixture --dual-era
  start_gateway dual-era "$DIRECT_URL"
  if [[ -z "$ONLY" || "$ONLY" == stateless ]]; then
    # The fixture has none of the tools the newest scenarios call (input-required-*, tasks-*,
    # custom headers): those fail direct as well. What counts is that the gateway adds no failure.
    RUN_SUITE="$SUITE_NEXT"
    RUN_ARGS=(--requirements 2026-07-28)
    compare stateless "$DIRECT_URL" "$GATEWAY_URL"
    RUN_SUITE="$SUITE"
    RUN_ARGS=()
  fi
  if [[ -z "$ONLY" || "$ONLY" == bridged ]]; then
    compare bridged "$DIRECT_URL" "$GATEWAY_URL"
    if [[ "$(cat "$OUT/bridged/gateway/status")" != 0 ]]; then
      echo "conformance: bridged/gateway: not every scenario passed"
      FAILED=1
    fi
  fi
fi

if [[ -z "$ONLY" || "$ONLY" == everything ]]; then
  start_everything
  # server-everything answers every request as an SSE stream; the gateway does the same here so
  # the transport scenarios compare like with like.
  start_gateway everything "$DIRECT_URL" true
  compare everything "$DIRECT_URL" "$GATEWAY_URL"
fi

exit "$FAILED"
