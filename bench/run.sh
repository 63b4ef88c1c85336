#!/usr/bin/env bash
# The benchmark suite (issue 7): direct, nginx, Gatehouse and Node peer gateways in front of the
# same upstreams on 127.0.0.1, the scale checks, and (full run) the JMH micro-benchmarks.
#
#   bench/run.sh           # full run, about 15-20 minutes on 2 cores
#   bench/run.sh --quick   # the echo upstream only, 2 repeats, no JMH: a few minutes
#   bench/run.sh --jmh-only
#
# Installs what it needs: nginx (apt, when missing and run as root), the Node peers pinned in
# bench/package-lock.json (npm ci), and builds gatehouse-bench. A full run writes
# bench/results/latest.json, docs/benchmarks.md and docs/benchmarks.png; a quick run writes the
# same into bench/results/quick/. Both print the tables. Every process it starts is
# stopped when it ends, however it ends. Not part of the build: nothing here fails ./mvnw verify.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
MODE=full
case "${1:-}" in
  --quick) MODE=quick ;;
  --jmh-only) MODE=jmh ;;
  "") ;;
  *) echo "usage: bench/run.sh [--quick|--jmh-only]" >&2; exit 2 ;;
esac

# shellcheck source=../.mvn/jdk.sh
. "$ROOT/.mvn/jdk.sh"
JAVA="$JAVA_HOME/bin/java"
START=$(date +%s)
log() { echo "bench: $*" >&2; }

# --- nginx (Debian) -------------------------------------------------------------------------
NGINX="$(command -v nginx || true)"
[[ -z "$NGINX" && -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx
if [[ -z "$NGINX" && $MODE != jmh ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    log "installing nginx from Debian"
    # Keep the package from starting its own service on port 80 while it installs.
    POLICY=/usr/sbin/policy-rc.d
    ADDED_POLICY=0
    if [[ ! -e $POLICY ]]; then
      printf '#!/bin/sh\nexit 101\n' > "$POLICY" && chmod +x "$POLICY" && ADDED_POLICY=1
    fi
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx) >&2 || log "apt-get failed"
    [[ $ADDED_POLICY == 1 ]] && rm -f "$POLICY"
    NGINX="$(command -v nginx || true)"
    [[ -z "$NGINX" && -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx
  fi
  [[ -z "$NGINX" ]] && log "no nginx: that target is left out"
fi

# --- Node peers, pinned -----------------------------------------------------------------------
if [[ $MODE != jmh ]]; then
  command -v npm >/dev/null || { log "npm not found on PATH"; exit 1; }
  STAMP="$HERE/node_modules/.gatehouse-lock.sha256"
  SUM="$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)"
  if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$SUM" ]]; then
    log "npm ci (bench peers)"
    (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >&2)
    echo "$SUM" > "$STAMP"
  fi
fi

# --- build ------------------------------------------------------------------------------------
log "building gatehouse-bench"
"$ROOT/mvnw" -q -B -DskipTests -Dspotless.check.skip=true -pl gatehouse-bench -am package >&2
CP="$ROOT/gatehouse-bench/target/classes:$(cat "$ROOT/gatehouse-bench/target/classpath.txt")"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  COMMIT="$COMMIT+changes"
fi
mkdir -p "$HERE/results"

WORK="$(mktemp -d /tmp/gatehouse-bench.XXXXXX)"
CHILD=""
cleanup() {
  if [[ -n "$CHILD" ]] && kill -0 "$CHILD" 2>/dev/null; then
    kill -TERM "$CHILD" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$CHILD" 2>/dev/null || break; sleep 0.2; done
    # The driver runs in its own process group: anything left of it goes too.
    kill -KILL -- "-$CHILD" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

run_java() { # runs java in its own process group and waits for it
  setsid "$JAVA" "$@" </dev/null &
  CHILD=$!
  local rc=0
  wait "$CHILD" || rc=$?
  CHILD=""
  return $rc
}

# --- JMH ---------------------------------------------------------------------------------------
JMH_JSON="$HERE/results/jmh.json"
if [[ $MODE != quick ]]; then
  log "JMH micro-benchmarks"
  rm -f "$JMH_JSON"
  run_java -cp "$CP" org.openjdk.jmh.Main -f 1 -wi 3 -i 5 -w 1s -r 1s -foe false \
    -rf json -rff "$JMH_JSON" >&2 || log "JMH failed; its results are left out"
  [[ $MODE == jmh ]] && { cat "$JMH_JSON"; exit 0; }
fi

# --- loads and scale checks -------------------------------------------------------------------
# docs/benchmarks.md keeps the latest full run; a quick run writes beside its results instead.
RESULTS="$HERE/results"
DOC="$ROOT/docs/benchmarks.md"
if [[ $MODE == quick ]]; then
  RESULTS="$HERE/results/quick"
  DOC="$RESULTS/benchmarks.md"
fi
ARGS=(--peers "$HERE" --node "$(command -v node)" --bind-loopback "$ROOT/test-peers/bind-loopback.cjs"
  --work "$WORK" --results "$RESULTS" --doc "$DOC" --commit "$COMMIT"
  --command "bench/run.sh${1:+ $1}")
[[ -n "$NGINX" ]] && ARGS+=(--nginx "$NGINX")
[[ $MODE == quick ]] && ARGS+=(--quick) || ARGS+=(--jmh "$JMH_JSON")
log "running the loads"
run_java -cp "$CP" dev.gatehouse.bench.run.BenchMain "${ARGS[@]}"
log "done in $(( $(date +%s) - START )) s: ${RESULTS#"$ROOT"/}/latest.json, ${DOC#"$ROOT"/}"
