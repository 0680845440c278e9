#!/usr/bin/env bash
# Drawdown throughput of a running cardmint on MariaDB against its floor, in the same run.
#
# cardmint: starts target/cardmint.jar against a fresh database, issues and activates $CARDS
# cards with PINs, drives drawdowns by token + PIN with unique ref_ids through HTTP with wrk
# (bench/payments/drawdown.lua), checks that every card's balance equals its ledger.
# floor: the server stopped, bench/Floor.java runs the same statements in bare JDBC (lock the
# card by token hash, check the PIN hash, check ref_id, insert the transaction, update the card,
# insert the ledger row, commit) with one thread per wrk connection, on a minimal schema in a
# fresh database of its own. Prints requests/s, p50 and p99 of both side by side, with ratios.
#
#   mvn -B -o package -DskipTests && bench/payments/run.sh
#   DURATION=5 WARMUP=2 bench/payments/run.sh   # a quick check that it works, not a figure
#   CARDS=1 bench/payments/run.sh               # every request on one card: the row lock serialises them
#   BASELINE=1 bench/payments/run.sh            # also wrk GET /actuator/health, the cheapest request
#   SERVER_JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/drawdowns.jfr,settings=profile,dumponexit=true \
#     bench/payments/run.sh                     # a profile of the server (JAVA_OPTS: every JVM)
#
# Needs: java 17, wrk, curl, jq, unzip, a MariaDB client and server (root, no password).
# Drops and creates the databases $DB and ${DB}_floor.
set -euo pipefail

cd "$(dirname "$0")/../.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
need java wrk curl jq unzip mariadb

JAR=${JAR:-target/cardmint.jar}
PORT=${PORT:-18081}
DB=${DB:-cardmint_bench}
CARDS=${CARDS:-200}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
DURATION=${DURATION:-20}
DURATION=${DURATION%s}
WARMUP=${WARMUP:-10}
WARMUP=${WARMUP%s}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s}   # a request slower than this is a socket error, not a latency
BASELINE=${BASELINE:-0}
ACCOUNT=${ACCOUNT:-T99000001}
MYSQL=(mariadb -h 127.0.0.1 -P 3306 -u root --batch --skip-column-names)
WORK=$(mktemp -d /tmp/cardmint-bench.XXXXXX)
BASE="http://127.0.0.1:$PORT/v1/accounts/$ACCOUNT/wallets"

# --- The API's request and response shapes, all here (drawdown.lua reads DRAWDOWN_BODY) ---
# Activation of an issued card with its opening balance (minor units).
ACTIVATE_BODY='{"amount":100000000,"currency":"NOK"}'
# A drawdown; printf/string.format template whose three %s are ref_id, token and PIN.
# shellcheck disable=SC2089,SC2090 # JSON text for lua, never word-split by the shell
DRAWDOWN_BODY='{"type":"drawdown","amount":1,"currency":"NOK","ref_id":"%s","token":"%s","pin":"%s"}'
# Batch create of the card ids first .. first+n-1, 16-digit tokens and 4-digit PINs (a jq program).
# shellcheck disable=SC2016 # $first and $n are jq's variables
BATCH_BODY='{cards: [range($first; $first + $n) | {card_id: "bench-\(.)"}],
  options: {pin: {format: {length: 4, numbers: true}}, card_token: {format: {length: 16, numbers: true}}}}'
# The batch create's answer as "card_id,token,pin" lines.
ISSUED_CARDS='.cards[] | "\(.card_id),\(.card_token.token.value),\(.pin.pin.value)"'
# Cards whose balance or reserved amount is not the sum of their ledger rows.
LEDGER_MISMATCHES="SELECT COUNT(*) FROM card c LEFT JOIN (SELECT card_uuid, SUM(balance_change) b,
  SUM(reserved_change) r FROM ledger_entry GROUP BY card_uuid) l ON l.card_uuid = c.id
  WHERE c.balance <> COALESCE(l.b, 0) OR c.reserved_amount <> COALESCE(l.r, 0)"
# shellcheck disable=SC2090
export DRAWDOWN_BODY

server_pid=
stop_server() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT

fresh_database() {
  "${MYSQL[@]}" -e "DROP DATABASE IF EXISTS $1; CREATE DATABASE $1 CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
}

start_server() {
  # shellcheck disable=SC2206 # JAVA_OPTS holds several flags
  APP=(java ${JAVA_OPTS:-} -jar "$JAR"
    --spring.datasource.url="jdbc:mariadb://127.0.0.1:3306/$DB"
    --spring.datasource.username=root --spring.datasource.password=
    --cardmint.master-key-create=true --cardmint.data-dir="$WORK/data" --cardmint.inbox.dir="$WORK/inbox")
  # shellcheck disable=SC2086 # SERVER_JAVA_OPTS holds several flags
  java ${SERVER_JAVA_OPTS:-} "${APP[@]:1}" serve --server.port="$PORT" >"$WORK/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 120); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server.log"; exit 1; }
    sleep 1
  done
  BEARER=$("${APP[@]}" token --account "$ACCOUNT" --scope write:wallets --ttl 2h 2>/dev/null)
  export BEARER ACCOUNT
}

# Issues and activates the cards; keeps "token,pin" lines for wrk in $CARDS_FILE.
issue_cards() {
  local first count answer
  : >"$WORK/issued.csv"
  : >"$WORK/cards.csv"
  for ((first = 0; first < CARDS; first += 500)); do
    count=$(( CARDS - first < 500 ? CARDS - first : 500 ))
    jq -n --argjson first "$first" --argjson n "$count" "$BATCH_BODY" \
      | curl -sS --fail-with-body -H "Authorization: Bearer $BEARER" -H 'Content-Type: application/json' \
          --data-binary @- "$BASE/cards/batch" >"$WORK/batch.json" \
      || { echo "batch create: $(cat "$WORK/batch.json")" >&2; exit 1; }
    jq -r "$ISSUED_CARDS" "$WORK/batch.json" >>"$WORK/issued.csv"
  done
  while IFS=, read -r card_id token pin; do
    answer=$(curl -sS --fail-with-body -H "Authorization: Bearer $BEARER" -H 'Content-Type: application/json' \
      -d "$ACTIVATE_BODY" "$BASE/cards/$card_id/activate") || { echo "activation of $card_id: $answer" >&2; exit 1; }
    echo "$token,$pin" >>"$WORK/cards.csv"
  done <"$WORK/issued.csv"
  export CARDS_FILE="$WORK/cards.csv"
}

run_wrk() {
  RUN_ID=warmup wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" --timeout "$WRK_TIMEOUT" -s bench/payments/drawdown.lua \
    "http://127.0.0.1:$PORT" >/dev/null
  echo "+ wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --timeout $WRK_TIMEOUT --latency -s bench/payments/drawdown.lua http://127.0.0.1:$PORT"
  local cpu_before statements_before
  cpu_before=$(server_cpu_ticks)
  statements_before=$(server_statements)
  RUN_ID=run wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout "$WRK_TIMEOUT" --latency -s bench/payments/drawdown.lua \
    "http://127.0.0.1:$PORT" | tee "$WORK/wrk.txt"
  SERVER_CPU_TICKS=$(($(server_cpu_ticks) - cpu_before))
  STATEMENTS=$(paste -d' ' <(echo "$statements_before") <(server_statements) | awk '{ printf "%s%d", sep, $2 - $1; sep = " " }')
  if [[ $BASELINE == 1 ]]; then
    echo "+ wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency http://127.0.0.1:$PORT/actuator/health (baseline)"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/actuator/health" \
      >"$WORK/baseline.txt"
  fi
}

# CPU time (user + system, clock ticks) the server process has used: the server's own cost per
# request, which other processes on the machine slow down far less than they do its rate.
server_cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$server_pid/stat"
}

# MariaDB's counters of statements run (Questions: every statement, COMMIT included) and of
# server-side PREPAREs (Com_stmt_prepare), on two lines.
server_statements() {
  "${MYSQL[@]}" -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_stmt_prepare')" |
    sort | awk '{ print $2 }'
}

run_floor() {
  local driver
  driver=$(mariadb_driver "$JAR" "$WORK")
  fresh_database "${DB}_floor"
  echo "+ java -cp $(basename "$driver") bench/Floor.java payments threads=$CONNECTIONS seconds=$DURATION warmup=$WARMUP cards=$CARDS"
  floor_java "$driver" payments "url=jdbc:mariadb://127.0.0.1:3306/${DB}_floor" threads="$CONNECTIONS" \
    seconds="$DURATION" warmup="$WARMUP" cards="$CARDS" | tee "$WORK/floor.txt"
}

report() {
  local rate p50 p99 non2xx socket f_rate f_p50 f_p99 line
  rate=$(awk '/^Requests\/sec/ { print $2 }' "$WORK/wrk.txt")
  p50=$(wrk_ms "$(awk '$1 == "50%" { print $2 }' "$WORK/wrk.txt")")
  p99=$(wrk_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/wrk.txt")")
  non2xx=$(awk '/Non-2xx/ { print $NF }' "$WORK/wrk.txt")
  socket=$(sed -n 's/^ *Socket errors: //p' "$WORK/wrk.txt")
  line=$(tail -1 "$WORK/floor.txt")
  f_rate=$(sed -E 's/.*rate=([0-9.]+).*/\1/' <<<"$line")
  f_p50=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$line")
  f_p99=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$line")
  echo
  echo "== drawdowns by token + PIN, $CONNECTIONS connections, ${DURATION} s after ${WARMUP} s warm-up, $CARDS cards"
  printf "%-30s %12s %10s %10s\n" "" "requests/s" "p50 ms" "p99 ms"
  printf "%-30s %12.0f %10s %10s\n" "cardmint (HTTP, wrk)" "$rate" "$p50" "$p99"
  printf "%-30s %12.0f %10s %10s\n" "floor (bare JDBC, Floor.java)" "$f_rate" "$f_p50" "$f_p99"
  printf "%-30s %12s %10s %10s\n" "cardmint / floor" "$(ratio "$rate" "$f_rate")×" "$(ratio "$p50" "$f_p50")×" \
    "$(ratio "$p99" "$f_p99")×"
  awk -v c="$rate" -v f="$f_rate" 'BEGIN { printf "cardmint reaches %.0f%% of the floor'\''s rate (target >= 50%%, p99 <= 30 ms)\n", 100 * c / f }'
  if [[ $BASELINE == 1 ]]; then
    echo "baseline (GET /actuator/health): $(awk '/^Requests\/sec/ { print $2 }' "$WORK/baseline.txt") requests/s," \
      "p99 $(awk '$1 == "99%" { print $2 }' "$WORK/baseline.txt")"
  fi
  awk -v t="$SERVER_CPU_TICKS" -v hz="$(getconf CLK_TCK)" -v n="$COMPLETED" 'BEGIN {
    printf "cardmint server CPU per drawdown: %.2f ms (user + system, measured run)\n", 1000 * t / hz / n }'
  read -r prepares statements <<<"$STATEMENTS"
  awk -v s="$statements" -v p="$prepares" -v n="$COMPLETED" 'BEGIN {
    printf "cardmint statements per drawdown: %.1f (server-side PREPAREs: %.1f)\n", s / n, p / n }'
  echo "cardmint: drawdowns stored in the measured run: $COMPLETED; non-2xx answers: ${non2xx:-0};" \
    "socket errors: ${socket:-none}; cards whose balance differs from their ledger: $MISMATCHES"
  [[ $MISMATCHES == 0 && -z $non2xx && -z $socket ]]
}

fresh_database "$DB"
start_server
issue_cards
echo "drawdown benchmark: $CARDS card(s), wrk -t$THREADS -c$CONNECTIONS, $(nproc) CPU(s), MariaDB $("${MYSQL[@]}" -e 'SELECT VERSION()')"
run_wrk
MISMATCHES=$("${MYSQL[@]}" "$DB" -e "$LEDGER_MISMATCHES")
COMPLETED=$("${MYSQL[@]}" "$DB" -e "SELECT COUNT(*) FROM card_transaction WHERE ref_id LIKE 'run-%'")
stop_server
run_floor
report
