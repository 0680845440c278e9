#!/usr/bin/env bash
# `serve`'s start-up: the time from launching it until its readiness probe answers 200, for each
# of RUNS starts (default 5, after one warm-up start that also makes the data dir's keys and H2
# database), then the median. The process is stopped after each start and not timed stopping.
#
#   bench/serve-ready.sh                       # bin/cardmint (extracted jar + CDS archive)
#   bench/serve-ready.sh java -jar target/cardmint.jar
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
PORT=${PORT:-18181}
[ $# -gt 0 ] || set -- bin/cardmint
DATA=$(mktemp -d /tmp/cardmint-serve-ready.XXXXXX)
trap 'rm -rf "$DATA"' EXIT

start_once() {
	local t0 t1 pid
	t0=$(date +%s%N)
	"$@" serve --server.port="$PORT" --cardmint.data-dir="$DATA" --cardmint.inbox.dir="$DATA/inbox" >"$DATA/serve.log" 2>&1 &
	pid=$!
	until curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; do
		kill -0 "$pid" 2>/dev/null || { cat "$DATA/serve.log" >&2; echo "serve ended before it was ready" >&2; exit 1; }
		sleep 0.02
	done
	t1=$(date +%s%N)
	kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
	echo $(((t1 - t0) / 1000000))
}

start_once "$@" >/dev/null
times=()
for _ in $(seq 1 "$RUNS"); do times+=("$(start_once "$@")"); done
printf '%s\n' "${times[@]}" | sort -n | awk -v cmd="$*" '{ t[NR] = $1 } END {
	printf "serve ready (%s): median %.2f s of %d starts (min %.2f, max %.2f)\n", cmd, t[int((NR + 1) / 2)] / 1000, NR, t[1] / 1000, t[NR] / 1000 }'
