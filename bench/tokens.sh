#!/usr/bin/env bash
# Token budget of progressive discovery: context tokens a client receives from a flat endpoint
# and from a discovery endpoint for 50, 200 and 1,000 tools, plus one discover -> schema ->
# execute round. Prints Markdown tables (docs/benchmarks.md, "Token budget").
#
#   bench/tokens.sh
#
# Compiles what it needs (no tests run, nothing installed), then runs
# dev.gatehouse.it.bench.TokenBudget from gatehouse-it's test classes.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../.mvn/jdk.sh
. "$root/.mvn/jdk.sh"

classpath_file="$root/gatehouse-it/target/bench-classpath.txt"
echo "tokens.sh: compiling ..." >&2
"$root/mvnw" -q -B -DskipTests -Dspotless.check.skip=true -pl gatehouse-it -am \
  test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file" >&2

exec "$JAVA_HOME/bin/java" -cp "$root/gatehouse-it/target/test-classes:$(cat "$classpath_file")" \
  dev.gatehouse.it.bench.TokenBudget "$@"
