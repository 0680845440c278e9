#!/usr/bin/env bash
# Time of one synchronous POST …/cards/batch of $SIZE cards on MariaDB against its floor, in the
# same run: the median of $RUNS requests (each a fresh set of card ids) against
# target/cardmint.jar on a fresh database, then, with the server stopped, the median of $RUNS
# bare-JDBC batch inserts of the same number of minimal rows, tokens and PINs drawn and hashed
# (bench/Floor.java batch), on a fresh database of its own.
#
#   mvn -B package -DskipTests && bench/api-batch.sh
#   RUNS=3 WARMUP=3 bench/api-batch.sh  # a quick check that it works, not a figure
#   SERVER_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/batch.jfr,settings=profile,dumponexit=true \
#     RUNS=40 bench/api-batch.sh     # a profile of the server
#
# Needs: java 17, curl, unzip, a MariaDB server on 127.0.0.1:3306 (root, no password) and its
# client. Drops and creates the databases $DB and ${DB}_floor.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
need java curl unzip mariadb

JAR=${JAR:-target/cardmint.jar}
PORT=${PORT:-18082}
DB=${DB:-cardmint_bench_api}
RUNS=${RUNS:-9}
# 100, not 20: after 20 full batches the server's C2 compiler was still busy (19% of its CPU
# samples at batches 201-260, more before), and medians fell from 34.5-35.0 ms after 20 to
# 29.8-30.8 ms after 100 (2026-12-03, alternated runs). Both sides warm up the same number of
# batches into their own table, so both are measured at the same table size (printed).
WARMUP=${WARMUP:-100}
SIZE=${SIZE:-1000}
ACCOUNT=T99000002
WORK=$(mktemp -d /tmp/cardmint-api-bench.XXXXXX)

server_pid=
stop_server() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT

fresh_database() {
  mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $1; CREATE DATABASE $1 CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
}

start_server() {
  # The application's arguments; SERVER_JAVA_OPTS go to the server's JVM alone (not the token command's).
  APP=(-jar "$JAR" --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$DB?rewriteBatchedStatements=true"
    --spring.datasource.username=root --spring.datasource.password=
    --cardmint.master-key-create=true --cardmint.data-dir="$WORK/data")
  # shellcheck disable=SC2086 # SERVER_JAVA_OPTS holds several flags
  java ${SERVER_JAVA_OPTS:-} "${APP[@]}" serve --server.port="$PORT" >"$WORK/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 120); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 1
  done
  TOKEN=$(java "${APP[@]}" token --account "$ACCOUNT" --scope write:wallets 2>/dev/null)
}

# The request, the API's one shape this script depends on: $SIZE cards named r<run>-<i>.
body() {
  local run=$1 cards=""
  for i in $(seq 1 "$SIZE"); do cards+="${cards:+,}{\"card_id\":\"r$run-$i\"}"; done
  printf '{"cards":[%s],"options":{"pin":{"format":{"length":4,"numbers":true}},"card_token":{"format":{"length":16,"numbers":true}}}}' "$cards"
}

post() {
  curl -s -o "$WORK/answer.json" -w '%{http_code} %{time_total}\n' -X POST "http://127.0.0.1:$PORT/v1/accounts/$ACCOUNT/wallets/cards/batch" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @"$1"
}

# Prints the median time in ms of $RUNS requests of $SIZE cards named <label><run>.
measure() {
  local label=$1 run code seconds
  for run in $(seq 1 "$RUNS"); do
    body "$label$run" >"$WORK/body.json"
    read -r code seconds < <(post "$WORK/body.json")
    [[ $code == 200 ]] || { echo "bench: $label run $run: HTTP $code: $(head -c 500 "$WORK/answer.json")" >&2; exit 1; }
    echo "$seconds"
  done | median | awk '{ printf "%.1f", $1 * 1000 }'
}

measure_cardmint() {
  local run
  for run in $(seq "$WARMUP"); do   # JIT warm-up: full batches of fresh card ids, as the floor's warm-up
    body "warmup$run" >"$WORK/body.json"
    post "$WORK/body.json" >/dev/null
  done
  # The fixed cost of a request (auth, JSON, a transaction): a 1-card batch, in the same run.
  BASELINE_MS=$(SIZE=1 measure base)
  CARDMINT_MS=$(measure run)
}

measure_floor() {
  local driver
  driver=$(mariadb_driver "$JAR" "$WORK")
  fresh_database "${DB}_floor"
  floor_java "$driver" batch "url=jdbc:mariadb://127.0.0.1:3306/${DB}_floor?rewriteBatchedStatements=true" \
    size="$SIZE" runs="$RUNS" warmup="$WARMUP" >"$WORK/floor.txt"
  head -1 "$WORK/floor.txt"
  FLOOR_MS=$(tail -1 "$WORK/floor.txt" | sed -E 's/.*total_ms=([0-9]+\.[0-9]).*/\1/')
  FLOOR_INSERT_MS=$(tail -1 "$WORK/floor.txt" | sed -E 's/.*insert_ms=([0-9]+\.[0-9]).*/\1/')
}

fresh_database "$DB"
start_server
measure_cardmint
stop_server
measure_floor
echo "each table held $(( WARMUP * SIZE )) cards of its warm-up when the measured runs began"
echo "baseline: POST /cards/batch of 1 card, $RUNS runs: median $BASELINE_MS ms"
echo "cardmint: POST /cards/batch of $SIZE cards on MariaDB, $RUNS runs: median $CARDMINT_MS ms"
echo "floor:    $SIZE minimal rows, drawn + hashed + JDBC batch insert, $RUNS runs: median $FLOOR_MS ms (insert alone $FLOOR_INSERT_MS ms)"
echo "ratio cardmint / floor: $(ratio "$CARDMINT_MS" "$FLOOR_MS")× (target <= 2.0; against the insert alone $(ratio "$CARDMINT_MS" "$FLOOR_INSERT_MS")×)"
