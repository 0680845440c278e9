#!/usr/bin/env bash
# Drawdown throughput of a running cardmint on MariaDB, measured with wrk on loopback.
# Starts target/cardmint.jar against a fresh database, issues and activates $CARDS cards with
# PINs, runs wrk (drawdowns by token + PIN, unique ref_ids), checks that every card's balance
# equals its ledger, and prints requests/s and latency percentiles (p99 included).
#
#   mvn -B -o package -DskipTests && bench/payments/run.sh
#   CARDS=1 bench/payments/run.sh            # every request on one card: the row lock serialises them
#
# Needs: java 17, wrk, curl, jq, a MariaDB client and server (root, no password).
set -euo pipefail

cd "$(dirname "$0")/../.."
JAR=${JAR:-target/cardmint.jar}
PORT=${PORT:-18081}
DB=${DB:-cardmint_bench}
CARDS=${CARDS:-200}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-10s}
ACCOUNT=${ACCOUNT:-T99000001}
MYSQL=(mysql -h 127.0.0.1 -P 3306 -u root --batch --skip-column-names)
WORK=$(mktemp -d /tmp/cardmint-bench.XXXXXX)
BASE="http://127.0.0.1:$PORT/v1/accounts/$ACCOUNT/wallets"

server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT

"${MYSQL[@]}" -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
APP=(java ${JAVA_OPTS:-} -jar "$JAR"
  --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$DB"
  --spring.datasource.username=root --spring.datasource.password=
  --cardmint.master-key-create=true --cardmint.data-dir="$WORK/data" --cardmint.inbox.dir="$WORK/inbox")
"${APP[@]}" serve --server.port="$PORT" >"$WORK/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 120); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
  sleep 1
done
BEARER=$("${APP[@]}" token --account "$ACCOUNT" --scope write:wallets --ttl 2h 2>/dev/null)
export BEARER ACCOUNT

# Issue and activate the cards; keep "token,pin" lines for wrk.
: >"$WORK/cards.csv"
for ((first = 0; first < CARDS; first += 500)); do
  count=$(( CARDS - first < 500 ? CARDS - first : 500 ))
  jq -n --argjson first "$first" --argjson n "$count" '{cards: [range($first; $first + $n) | {card_id: "bench-\(.)"}],
      options: {pin: {format: {length: 4, numbers: true}}, card_token: {format: {length: 16, numbers: true}}}}' \
    | curl -fsS -H "Authorization: Bearer $BEARER" -H 'Content-Type: application/json' --data-binary @- \
        "$BASE/cards/batch" \
    | jq -r '.cards[] | "\(.card_id),\(.card_token.token.value),\(.pin.pin.value)"' >>"$WORK/issued.csv"
done
while IFS=, read -r card_id token pin; do
  curl -fsS -o /dev/null -H "Authorization: Bearer $BEARER" -H 'Content-Type: application/json' \
    -d '{"amount":100000000,"currency":"NOK"}' "$BASE/cards/$card_id/activate"
  echo "$token,$pin" >>"$WORK/cards.csv"
done <"$WORK/issued.csv"
export CARDS_FILE="$WORK/cards.csv"

echo "cardmint drawdown benchmark: $CARDS card(s), wrk -t$THREADS -c$CONNECTIONS, $(nproc) CPU(s), MariaDB $("${MYSQL[@]}" -e 'SELECT VERSION()')"
RUN_ID=warmup wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s bench/payments/drawdown.lua "http://127.0.0.1:$PORT" >/dev/null
echo "+ wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/payments/drawdown.lua http://127.0.0.1:$PORT"
RUN_ID=run wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/payments/drawdown.lua \
  "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"

# Baseline in the same run: the same server and wrk settings on the cheapest request it serves
# (the health check, one database ping), so the drawdown figure can be read against the floor.
echo "+ wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency http://127.0.0.1:$PORT/actuator/health (baseline)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT/actuator/health" >"$WORK/baseline.txt"

mismatches=$("${MYSQL[@]}" "$DB" -e "SELECT COUNT(*) FROM card c LEFT JOIN (SELECT card_uuid, SUM(balance_change) b,
  SUM(reserved_change) r FROM ledger_entry GROUP BY card_uuid) l ON l.card_uuid = c.id
  WHERE c.balance <> COALESCE(l.b, 0) OR c.reserved_amount <> COALESCE(l.r, 0)")
completed=$("${MYSQL[@]}" "$DB" -e "SELECT COUNT(*) FROM card_transaction WHERE ref_id LIKE 'run-%'")
echo
echo "requests/s: $(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk.txt")"
echo "p50: $(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")  p99: $(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")"
echo "baseline (GET /actuator/health): $(awk '/^Requests\/sec/ {print $2}' "$WORK/baseline.txt") requests/s, p99 $(awk '$1 == "99%" {print $2}' "$WORK/baseline.txt")"
echo "drawdowns stored in the measured run: $completed; cards whose balance differs from their ledger: $mismatches"
[[ $mismatches == 0 ]]
