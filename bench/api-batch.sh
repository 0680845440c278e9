#!/usr/bin/env bash
# Time of one synchronous POST …/cards/batch of 1000 cards on MariaDB: the median of $RUNS
# requests (each a fresh set of card ids), against target/cardmint.jar on a fresh database.
#
#   mvn -B package -DskipTests && bench/api-batch.sh
#
# Needs: java 17, curl, a MariaDB server on 127.0.0.1:3306 (root, no password) and its client.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-target/cardmint.jar}
PORT=${PORT:-18082}
DB=${DB:-cardmint_bench_api}
RUNS=${RUNS:-9}
SIZE=${SIZE:-1000}
ACCOUNT=T99000002
WORK=$(mktemp -d /tmp/cardmint-api-bench.XXXXXX)

server_pid=
cleanup() { [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

mariadb -h 127.0.0.1 -u root -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
APP=(java -jar "$JAR" --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$DB?rewriteBatchedStatements=true"
  --spring.datasource.username=root --spring.datasource.password=
  --cardmint.master-key-create=true --cardmint.data-dir="$WORK/data")
"${APP[@]}" serve --server.port="$PORT" >"$WORK/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 120); do curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
TOKEN=$("${APP[@]}" token --account "$ACCOUNT" --scope write:wallets 2>/dev/null)

body() {
  local run=$1 cards=""
  for i in $(seq 1 "$SIZE"); do cards+="${cards:+,}{\"card_id\":\"r$run-$i\"}"; done
  printf '{"cards":[%s],"options":{"pin":{"format":{"length":4,"numbers":true}},"card_token":{"format":{"length":16,"numbers":true}}}}' "$cards"
}
post() {
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST "http://127.0.0.1:$PORT/v1/accounts/$ACCOUNT/wallets/cards/batch" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @"$1"
}
body warmup >"$WORK/warmup.json"
for _ in 1 2 3; do post "$WORK/warmup.json" >/dev/null; done   # JIT warm-up (409s after the first)
# Baseline in the same run: a 1-card batch, the fixed cost of a request (auth, JSON, a transaction).
baseline=()
for run in $(seq 1 "$RUNS"); do
  SIZE=1 body "base$run" >"$WORK/body.json"
  read -r code seconds < <(post "$WORK/body.json")
  baseline+=("$seconds")
done
times=()
for run in $(seq 1 "$RUNS"); do
  body "$run" >"$WORK/body.json"
  read -r code seconds < <(post "$WORK/body.json")
  [[ $code == 200 ]] || { echo "run $run: HTTP $code" >&2; exit 1; }
  times+=("$seconds")
done
printf '%s\n' "${baseline[@]}" | sort -n | awk '{ t[NR] = $1 } END {
  printf "baseline: POST /cards/batch of 1 card, %d runs: median %.0f ms\n", NR, t[int((NR + 1) / 2)] * 1000 }'
printf '%s\n' "${times[@]}" | sort -n | awk -v size="$SIZE" '{ t[NR] = $1 } END {
  printf "POST /cards/batch of %d cards on MariaDB, %d runs: median %.0f ms (min %.0f ms, max %.0f ms)\n",
    size, NR, t[int((NR + 1) / 2)] * 1000, t[1] * 1000, t[NR] * 1000 }'
