#!/usr/bin/env bash
# Remote partitioning mode of the order benchmark: the same N-card order three times in one run,
# each on a fresh database — partitions on threads of the ordering process (local), then sent
# over RabbitMQ to 1 worker JVM, then to 2 — and cards/s of each, and what remote costs per
# partition message against local. On one 2-core machine a second worker cannot add speed (it
# shares the cores); the figure to watch is remote against local (target: at most 10% slower).
#
# Usage: bench/order-remote-bench.sh [N]   (default 100000; the issue's figure is 1000000)
# Env: BENCH_DB (default cardmint_bench_remote, dropped and created per run), MARIADB_HOST/PORT
# (127.0.0.1:3306, root without password), RABBITMQ_PORT (5672, guest/guest), GRID (partitions,
# default 4 per CPU), CONCURRENCY (partitions per worker at once, default the CPUs), JAVA_OPTS,
# BENCH_KEEP=1 keeps the work dir.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-100000}
DB=${BENCH_DB:-cardmint_bench_remote}
HOST=${MARIADB_HOST:-127.0.0.1}
PORT=${MARIADB_PORT:-3306}
MQ_PORT=${RABBITMQ_PORT:-5672}
GRID=${GRID:-$(($(nproc) * 4))}
CONCURRENCY=${CONCURRENCY:-$(nproc)}
JAR=target/cardmint.jar
[[ "$N" =~ ^[0-9]+$ && "$N" -gt 0 ]] || { echo "usage: $0 [N>0]" >&2; exit 2; }

sql() { mariadb --protocol=tcp -h "$HOST" -P "$PORT" -u root "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

(exec 3<>"/dev/tcp/127.0.0.1/$MQ_PORT") 2>/dev/null || { echo "bench: no RabbitMQ on 127.0.0.1:$MQ_PORT (rabbitmq-server -detached)" >&2; exit 1; }
if [ ! -f "$JAR" ]; then
	echo "bench: building $JAR" >&2
	mvn -B -DskipTests package >&2
fi

WORK=$(mktemp -d /tmp/cardmint-remote-bench.XXXXXX)
WORKER_PIDS=()
stop_workers() {
	for pid in "${WORKER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${WORKER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
	WORKER_PIDS=()
}
cleanup() { stop_workers; [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT
head -c 32 /dev/urandom | base64 >"$WORK/master.key" && chmod 600 "$WORK/master.key"

common() {
	echo "--spring.datasource.url=jdbc:mariadb://$HOST:$PORT/$DB?rewriteBatchedStatements=true" \
		--spring.datasource.username=root --spring.datasource.password= \
		"--cardmint.master-key-file=$WORK/master.key" \
		"--spring.rabbitmq.port=$MQ_PORT" "--cardmint.order.remote.queue=cardmint-bench-$$" \
		"--cardmint.order.grid-size=$GRID"
}

# run <label> <workers>: prints "label wall_s step_s cards"
run() {
	local label=$1 workers=$2 partitioning=local
	sql -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
	rm -rf "$WORK/data" "$WORK"/worker-*/
	sed "s/@N@/$N/" >"$WORK/manifest.json" <<'JSON'
{ "order_ref": "BENCH-REMOTE", "account_id": "T00000098", "manufacturer": "demo", "type": "gift_card", "count": @N@,
  "card_id": { "prefix": "BENCH-", "start": 1, "digits": 8 },
  "options": { "pin": { "format": { "length": 4, "numbers": true } },
               "card_token": { "format": { "length": 16, "numbers": true, "prefix": "", "barcode": true } } },
  "print": { "denomination": "500 NOK", "design": "XMAS-26" } }
JSON
	# the schema first, so that workers and the order do not race to create it
	# shellcheck disable=SC2046
	java -jar "$JAR" orders $(common) "--cardmint.data-dir=$WORK/data" >/dev/null
	if [ "$workers" -gt 0 ]; then
		partitioning=remote
		for i in $(seq 1 "$workers"); do
			# shellcheck disable=SC2046,SC2086
			# each worker a data dir of its own, as on a machine of its own (local keys are made at start)
			java ${JAVA_OPTS:-} -jar "$JAR" worker $(common) "--cardmint.data-dir=$WORK/worker-$i" --server.port=0 \
				"--cardmint.order.remote.concurrency=$CONCURRENCY" >"$WORK/worker-$label-$i.log" 2>&1 &
			WORKER_PIDS+=("$!")
		done
		for i in $(seq 1 "$workers"); do
			until grep -q "Started CardmintCommand" "$WORK/worker-$label-$i.log"; do
				kill -0 "${WORKER_PIDS[$((i - 1))]}" 2>/dev/null || { cat "$WORK/worker-$label-$i.log" >&2; exit 1; }
				sleep 1
			done
		done
	fi
	echo "bench: $label: order of $N cards ..." >&2
	local t0 t1
	t0=$(now)
	# shellcheck disable=SC2046,SC2086
	java ${JAVA_OPTS:-} -jar "$JAR" order "$WORK/manifest.json" $(common) "--cardmint.data-dir=$WORK/data" \
		"--cardmint.order.partitioning=$partitioning" \
		>"$WORK/order-$label.out" 2>"$WORK/order-$label.err" || { cat "$WORK/order-$label.out" "$WORK/order-$label.err" >&2; exit 1; }
	t1=$(now)
	stop_workers
	local step cards
	step=$(sql -N "$DB" -e "SELECT ROUND(TIMESTAMPDIFF(MICROSECOND, START_TIME, END_TIME) / 1e6, 2)
		FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'generateCards' ORDER BY STEP_EXECUTION_ID DESC LIMIT 1")
	cards=$(sql -N "$DB" -e "SELECT COUNT(*) FROM card WHERE order_ref = 'BENCH-REMOTE'")
	[ "$cards" = "$N" ] || { echo "bench: $label made $cards cards, not $N" >&2; exit 1; }
	echo "$label $(secs "$t0" "$t1") $step $cards"
}

results=$(
	run local 0
	run "1-worker" 1
	run "2-workers" 2
)
echo "== cardmint remote partitioning benchmark: N=$N, $GRID partitions, $CONCURRENCY per worker, $(nproc) CPUs"
echo "$results" | awk -v grid="$GRID" '
	{ label[NR] = $1; wall[NR] = $2; step[NR] = $3; n = $4 }
	END {
		printf "%-10s %10s %12s %14s %10s\n", "run", "order s", "generate s", "cards/s (gen)", "vs local"
		for (i = 1; i <= NR; i++)
			printf "%-10s %10.2f %12.2f %14.0f %9.1f%%\n", label[i], wall[i], step[i], n / step[i], 100 * (step[i] - step[1]) / step[1]
		printf "cost per partition message (1 worker against local): %.0f ms\n", 1000 * (step[2] - step[1]) / grid
	}'
