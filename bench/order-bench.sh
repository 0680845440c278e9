#!/usr/bin/env bash
# Times one N-card order (`cardmint order`) against MariaDB, and the floor for the same work:
# LOAD DATA LOCAL INFILE of N card rows + gpg encryption of an N-line print CSV.
# Usage: bench/order-bench.sh [N]   (default 100000)
# Env: BENCH_DB (default cardmint_bench, dropped and created), MARIADB_HOST/PORT (127.0.0.1:3306,
# root without password), BENCH_KEEP=1 keeps the work dir, JAVA_OPTS for the order's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${1:-100000}
DB=${BENCH_DB:-cardmint_bench}
HOST=${MARIADB_HOST:-127.0.0.1}
PORT=${MARIADB_PORT:-3306}
JAR=target/cardmint.jar
[[ "$N" =~ ^[0-9]+$ && "$N" -gt 0 ]] || { echo "usage: $0 [N>0]" >&2; exit 2; }

sql() { mariadb --protocol=tcp -h "$HOST" -P "$PORT" -u root --local-infile=1 "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

command -v python3 >/dev/null || { echo "bench: python3 is needed to generate the floor's data" >&2; exit 1; }
if [ ! -x /usr/bin/time ]; then
	echo "bench: installing GNU time" >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y time >/dev/null
fi
if [ ! -f "$JAR" ]; then
	echo "bench: building $JAR" >&2
	mvn -B -DskipTests package >&2
fi

WORK=$(mktemp -d /tmp/cardmint-bench.XXXXXX)
cleanup() { gpgconf --homedir "$WORK/gnupg" --kill all 2>/dev/null || true; [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT

sql -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
REF="BENCH-$N"
cat >"$WORK/manifest.json" <<EOF
{
  "order_ref": "$REF",
  "account_id": "T00000099",
  "manufacturer": "demo",
  "type": "gift_card",
  "count": $N,
  "card_id": { "prefix": "BENCH-", "start": 1, "digits": 8 },
  "options": {
    "pin":        { "format": { "length": 4,  "numbers": true } },
    "card_token": { "format": { "length": 16, "numbers": true, "prefix": "", "barcode": true } }
  },
  "print": { "denomination": "500 NOK", "design": "XMAS-26" }
}
EOF

# --- the order, start to exit (JVM start-up included) ---
echo "bench: order of $N cards ..." >&2
t0=$(now)
# shellcheck disable=SC2086
/usr/bin/time -v -o "$WORK/time.txt" java ${JAVA_OPTS:-} -jar "$JAR" order "$WORK/manifest.json" \
	"--spring.datasource.url=jdbc:mariadb://$HOST:$PORT/$DB?rewriteBatchedStatements=true" \
	--spring.datasource.username=root --spring.datasource.password= \
	"--cardmint.data-dir=$WORK/data" --cardmint.master-key-create=true \
	>"$WORK/order.out" 2>"$WORK/order.err" || { cat "$WORK/order.out" "$WORK/order.err" >&2; exit 1; }
t1=$(now)
order_s=$(secs "$t0" "$t1")
order_t0=$t0 order_t1=$t1
rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt")

# --- floor 1: LOAD DATA of N rows of the card table's shape into a copy of it ---
sql "$DB" -e "CREATE TABLE card_floor LIKE card"
python3 - "$N" >"$WORK/floor.tsv" <<'EOF'
import os, sys, time, uuid
n = int(sys.argv[1])
def time_ordered():
    # the layout of cardmint's card ids (UUID version 7: milliseconds, then random bits)
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    value = (value & ~(0xF << 76)) | (0x7 << 76)
    value = (value & ~(0x3 << 62)) | (0x2 << 62)
    return uuid.UUID(int=value)
token = '{"length":16,"numbers":true,"prefix":"","barcode":true}'
pin = '{"length":4,"numbers":true}'
now = '2026-11-26 12:00:00.000000'
out = sys.stdout
for i in range(n):
    out.write(f"{time_ordered()}\tT00000099\tFLOOR-{i + 1:08d}\tgift_card\tinactive\t0\t0\t{now}\torder:FLOOR\t{now}"
              f"\tFLOOR\t{i}\t0\t{token}\t{pin}\t{os.urandom(32).hex()}\t{os.urandom(32).hex()}\tabcd1234\n")
EOF
t0=$(now)
sql "$DB" -e "LOAD DATA LOCAL INFILE '$WORK/floor.tsv' INTO TABLE card_floor FIELDS TERMINATED BY '\t'
	(id, account_id, card_id, type, status, balance, reserved_amount, created_at, created_by, updated_at, order_ref,
	 card_index, token_attempt, token_format, pin_format, @token_hash, @pin_hash, hash_key_id)
	SET token_hash = UNHEX(@token_hash), pin_hash = UNHEX(@pin_hash)"
t1=$(now)
load_s=$(secs "$t0" "$t1")
loaded=$(sql -N "$DB" -e "SELECT COUNT(*) FROM card_floor")

# --- floor 2: gpg encrypts an equally large print CSV to the demo manufacturer's key ---
# Same work as cardmint's writer: AES-256, integrity-protected, no compression.
python3 - "$N" >"$WORK/print.csv" <<'EOF'
import secrets, sys
n = int(sys.argv[1])
out = sys.stdout
out.write("card_id,card_token,pin,barcode,denomination,design\r\n")
for i in range(n):
    token = f"{secrets.randbelow(10**16):016d}"
    out.write(f"BENCH-{i + 1:08d},{token},{secrets.randbelow(10**4):04d},{token},500 NOK,XMAS-26\r\n")
EOF
mkdir -m 700 "$WORK/gnupg"
gpg --homedir "$WORK/gnupg" --batch --quiet --import "$WORK/data/demo-manufacturer/demo-manufacturer.pub.asc" 2>/dev/null
t0=$(now)
gpg --homedir "$WORK/gnupg" --batch --trust-model always --cipher-algo AES256 -z 0 \
	-e -r demo@cardmint.invalid -o "$WORK/print.csv.pgp" "$WORK/print.csv"
t1=$(now)
gpg_s=$(secs "$t0" "$t1")

floor_s=$(awk -v a="$load_s" -v b="$gpg_s" 'BEGIN { printf "%.2f", a + b }')
read -r job_s job_start job_end < <(sql -N "$DB" -e "SELECT ROUND(TIMESTAMPDIFF(MICROSECOND, START_TIME, END_TIME) / 1e6, 2),
	UNIX_TIMESTAMP(START_TIME), UNIX_TIMESTAMP(END_TIME) FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1")
cards=$(sql -N "$DB" -e "SELECT COUNT(*) FROM card WHERE order_ref = '$REF'")
print_file=$(ls "$WORK/data/outbox/T00000099/"*.csv.pgp)

echo "== cardmint order benchmark: N=$N, MariaDB $(sql -N -e 'SELECT VERSION()'), $(nproc) CPUs, $(java -version 2>&1 | head -1)"
grep -E "^(status|cards):" "$WORK/order.out" | sed 's/^/   /'
printf "order wall time          %8s s   (JVM start to exit; job alone %s s)\n" "$order_s" "$job_s"
printf "   before the job         %8s s   (JVM start, Spring context, Flyway, manifest checks)\n" "$(secs "$order_t0" "$job_start")"
printf "   after the job          %8s s   (job end to process exit)\n" "$(secs "$job_end" "$order_t1")"
awk -v n="$cards" -v s="$order_s" -v j="$job_s" 'BEGIN { printf "throughput               %8.0f cards/s (job alone %.0f cards/s)\n", n / s, n / j }'
awk -v k="$rss_kb" 'BEGIN { printf "peak RSS                 %8.0f MB\n", k / 1024 }'
echo "steps (BATCH_STEP_EXECUTION):"
sql -N "$DB" -e "SELECT STEP_NAME, ROUND(TIMESTAMPDIFF(MICROSECOND, START_TIME, END_TIME) / 1e6, 2), WRITE_COUNT
	FROM BATCH_STEP_EXECUTION WHERE STEP_NAME NOT LIKE '%:%' ORDER BY STEP_EXECUTION_ID" |
	awk -F'\t' '{ printf "   %-22s %8s s  (%s written)\n", $1, $2, $3 }'
printf "print file               %8s MB   %s\n" "$(du -m "$print_file" | cut -f1)" "$(basename "$print_file")"
printf "floor: LOAD DATA         %8s s   (%s rows into card_floor)\n" "$load_s" "$loaded"
printf "floor: gpg encrypt       %8s s   (%s MB plaintext)\n" "$gpg_s" "$(du -m "$WORK/print.csv" | cut -f1)"
printf "floor total              %8s s\n" "$floor_s"
awk -v o="$order_s" -v f="$floor_s" -v j="$job_s" 'BEGIN { printf "ratio order/floor        %8.2f     (job alone %.2f; target for 1,000,000 cards: <= 2)\n", o / f, j / f }'
