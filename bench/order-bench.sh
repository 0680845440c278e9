#!/usr/bin/env bash
# Times one N-card order (`cardmint order`) against MariaDB, and in the same run the floors for
# the same work:
#   minimal floor   LOAD DATA LOCAL INFILE of N minimal card rows (the least any implementation
#                   must store: sequential BIGINT id, account, card_id, status, token hash, PIN
#                   hash; unique card_id and token hash per account) + gpg of the print CSV;
#   copy floor      LOAD DATA of N rows of cardmint's own card table shape into a copy of it
#                   (CREATE TABLE … LIKE card: our columns and indexes) + the same gpg.
# The ratio to the minimal floor is the target; the copy floor shows what the table alone costs.
#
# Usage: bench/order-bench.sh [N] [runs=K]    N cards (default 100000); K runs (default 1), each
#        on a fresh database, then the median of every figure and of every run's own ratio.
# Env: BENCH_DB (default cardmint_bench, dropped and created), MARIADB_HOST/PORT (127.0.0.1:3306,
# root without password), BENCH_KEEP=1 keeps the work dir, JAVA_OPTS for the order's JVM, RUNS,
# CARDMINT_JAR=<jar> to time `java -jar <jar>` (the fat jar, or an older build's) instead of
# bin/cardmint, the documented launcher.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
# `bench/order-bench.sh remote [N]`: the same order local, with 1 and with 2 RabbitMQ workers.
if [ "${1:-}" = remote ]; then shift; exec bench/order-remote-bench.sh "$@"; fi

N=100000
RUNS=${RUNS:-1}
for arg in "$@"; do
	case $arg in
	runs=*) RUNS=${arg#runs=} ;;
	*) N=$arg ;;
	esac
done
DB=${BENCH_DB:-cardmint_bench}
HOST=${MARIADB_HOST:-127.0.0.1}
PORT=${MARIADB_PORT:-3306}
JAR=target/cardmint.jar
# The launcher; JAVA_OPTS reaches the JVM either way (bin/cardmint reads it from the environment).
if [ -n "${CARDMINT_JAR:-}" ]; then
	# shellcheck disable=SC2206 # JAVA_OPTS holds several flags
	CARDMINT=(java ${JAVA_OPTS:-} -jar "$CARDMINT_JAR")
else
	CARDMINT=(bin/cardmint)
	export JAVA_OPTS=${JAVA_OPTS:-}
fi
ACCOUNT=T00000099
REF="BENCH-$N"
[[ "$N" =~ ^[0-9]+$ && "$N" -gt 0 && "$RUNS" =~ ^[0-9]+$ && "$RUNS" -gt 0 ]] ||
	{ echo "usage: $0 [N>0] [runs=K>0]" >&2; exit 2; }

sql() { mariadb --protocol=tcp -h "$HOST" -P "$PORT" -u root --local-infile=1 "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

WORK=$(mktemp -d /tmp/cardmint-bench.XXXXXX)
# shellcheck disable=SC2317 # called by the trap
cleanup() { gpgconf --homedir "$WORK/gnupg" --kill all 2>/dev/null || true; [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$WORK"; }
trap cleanup EXIT

check_tools() {
	need java python3 gpg mariadb
	if [ ! -x /usr/bin/time ]; then
		echo "bench: installing GNU time" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y time >/dev/null
	fi
	if [ ! -f "$JAR" ] || [ ! -f target/cardmint/cardmint.jar ]; then
		echo "bench: building $JAR" >&2
		mvn -B -DskipTests package >&2
	fi
}

# The keys a deployment has before its first order, made once and not timed: the master key and
# the demo manufacturer's OpenPGP key pair (two RSA 3072 keys, seconds of CPU that a real
# manufacturer's configured public key never costs). A 10-card order in $WORK/keys makes them;
# each run's data dir starts with a copy. The database is dropped before each run anyway.
make_keys() {
	echo "bench: making the master key and the demo manufacturer's keys (not timed) ..." >&2
	fresh_database
	sed -e "s/\"count\": $N/\"count\": 10/" -e "s/\"$REF\"/\"KEYS\"/" "$WORK/manifest.json" >"$WORK/keys-manifest.json"
	"${CARDMINT[@]}" order "$WORK/keys-manifest.json" \
		"--spring.datasource.url=jdbc:mariadb://$HOST:$PORT/$DB" --spring.datasource.username=root \
		--spring.datasource.password= "--cardmint.data-dir=$WORK/keys" --cardmint.master-key-create=true \
		>"$WORK/keys.out" 2>&1 || { cat "$WORK/keys.out" >&2; exit 1; }
}

fresh_database() {
	sql -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_bin"
}

# Writes the tables' dirty pages out (untimed), so that one phase's background flushing does not
# bill the next phase: the order's pages are not written during the floors' LOAD DATA.
settle() {
	local table
	for table in "$@"; do
		sql "$DB" -e "FLUSH TABLES $table FOR EXPORT; UNLOCK TABLES"
	done
}

write_manifest() {
	cat >"$WORK/manifest.json" <<EOF
{
  "order_ref": "$REF",
  "account_id": "$ACCOUNT",
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
}

# The floors' input, made once for all runs and not timed: minimal.tsv (the minimal rows),
# copy.tsv (the same cards in the card table's shape) and print.csv (an N-line print file of
# the shape cardmint writes: card_id, token, PIN, barcode, two print fields).
make_floor_data() {
	echo "bench: generating the floors' data for $N cards (not timed) ..." >&2
	python3 - "$N" "$WORK" <<'EOF'
import os, secrets, sys, time, uuid
n, work = int(sys.argv[1]), sys.argv[2]
def time_ordered():
    # the layout of cardmint's card ids (UUID version 7: milliseconds, then random bits)
    value = (int(time.time() * 1000) << 80) | int.from_bytes(os.urandom(10), "big")
    value = (value & ~(0xF << 76)) | (0x7 << 76)
    value = (value & ~(0x3 << 62)) | (0x2 << 62)
    return uuid.UUID(int=value)
token_format_id, pin_format_id = 1, 2  # references to cardmint's code_format rows
now = '2026-11-26 12:00:00.000000'
with open(f"{work}/minimal.tsv", "w") as minimal, open(f"{work}/copy.tsv", "w") as copy:
    for i in range(n):
        card_id, token_hash, pin_hash = f"FLOOR-{i + 1:08d}", os.urandom(32).hex(), os.urandom(32).hex()
        minimal.write(f"T00000099\t{card_id}\t0\t{token_hash}\t{pin_hash}\n")
        copy.write(f"{time_ordered()}\tT00000099\t{card_id}\tgift_card\tinactive\t0\t0\t{now}\torder:FLOOR\t{now}"
                   f"\tFLOOR\t{i}\t0\t{token_format_id}\t{pin_format_id}\t{token_hash}\t{pin_hash}\tabcd1234\n")
with open(f"{work}/print.csv", "w", newline="") as out:
    out.write("card_id,card_token,pin,barcode,denomination,design\r\n")
    for i in range(n):
        token = f"{secrets.randbelow(10**16):016d}"
        out.write(f"BENCH-{i + 1:08d},{token},{secrets.randbelow(10**4):04d},{token},500 NOK,XMAS-26\r\n")
EOF
}

# The order, start to exit (JVM start-up included), in its own data dir $1. Sets ORDER_S,
# JOB_S, BEFORE_S, AFTER_S, RSS_KB, CARDS_WRITTEN, ORDER_REDO, ORDER_READS; the step times go to
# $1/steps.txt.
run_order() {
	local dir=$1 t0 t1 job_start job_end lsn reads cpu0
	mkdir -p "$dir/data"
	cp -r "$WORK/keys/demo-manufacturer" "$WORK/keys/master.key" "$dir/data/"
	echo "bench: order of $N cards ..." >&2
	read -r lsn reads < <(innodb_counters)
	cpu0=$(server_cpu)
	t0=$(now)
	/usr/bin/time -v -o "$dir/time.txt" "${CARDMINT[@]}" order "$WORK/manifest.json" \
		"--spring.datasource.url=jdbc:mariadb://$HOST:$PORT/$DB?rewriteBatchedStatements=true" \
		--spring.datasource.username=root --spring.datasource.password= \
		"--cardmint.data-dir=$dir/data" --cardmint.master-key-create=true \
		>"$dir/order.out" 2>"$dir/order.err" || { cat "$dir/order.out" "$dir/order.err" >&2; exit 1; }
	t1=$(now)
	ORDER_DB_CPU=$(secs "${cpu0:-0}" "$(server_cpu)")
	innodb_since ORDER "$lsn" "$reads"
	ORDER_S=$(secs "$t0" "$t1")
	RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time.txt")
	ORDER_JVM_CPU=$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.2f", t }' "$dir/time.txt")
	read -r JOB_S job_start job_end < <(sql -N "$DB" -e "SELECT ROUND(TIMESTAMPDIFF(MICROSECOND, START_TIME, END_TIME) / 1e6, 2),
		UNIX_TIMESTAMP(START_TIME), UNIX_TIMESTAMP(END_TIME) FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 1")
	BEFORE_S=$(secs "$t0" "$job_start")
	AFTER_S=$(secs "$job_end" "$t1")
	CARDS_WRITTEN=$(sql -N "$DB" -e "SELECT COUNT(*) FROM card WHERE order_ref = '$REF'")
	sql -N "$DB" -e "SELECT STEP_NAME, ROUND(TIMESTAMPDIFF(MICROSECOND, START_TIME, END_TIME) / 1e6, 2), WRITE_COUNT
		FROM BATCH_STEP_EXECUTION WHERE STEP_NAME NOT LIKE '%:%' ORDER BY STEP_EXECUTION_ID" >"$dir/steps.txt"
	PRINT_FILE=$(find "$dir/data/outbox" -name '*.csv.pgp' | head -1)
}

# MariaDB's CPU seconds so far (user + system of the local mariadbd process; empty if the server
# is not on this machine). On a shared machine CPU seconds vary less than wall time.
server_cpu() {
	local pid
	pid=$(pidof mariadbd 2>/dev/null | awk '{ print $1 }') || true
	[ -n "$pid" ] || return 0
	awk -v tck="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tck }' "/proc/$pid/stat"
}

# The server's redo bytes written and pages read from disk so far (whole server: run on a quiet one).
innodb_counters() {
	sql -N -e "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_lsn_current', 'Innodb_buffer_pool_reads')" |
		awk '{ v[$1] = $2 } END { print v["Innodb_lsn_current"], v["Innodb_buffer_pool_reads"] }'
}

# Sets $1_REDO and $1_READS: redo bytes and disk page reads since the counters $2 $3.
innodb_since() {
	local lsn reads
	read -r lsn reads < <(innodb_counters)
	printf -v "$1_REDO" '%s' $((lsn - $2))
	printf -v "$1_READS" '%s' $((reads - $3))
}

# LOAD DATA of $1 into table $2 with column list $3. Sets LOAD_S, LOAD_REDO, LOAD_READS.
load_data() {
	local t0 t1 lsn reads cpu0
	read -r lsn reads < <(innodb_counters)
	cpu0=$(server_cpu)
	t0=$(now)
	sql "$DB" -e "LOAD DATA LOCAL INFILE '$1' INTO TABLE $2 FIELDS TERMINATED BY '\t' $3"
	t1=$(now)
	LOAD_DB_CPU=$(secs "${cpu0:-0}" "$(server_cpu)")
	LOAD_S=$(secs "$t0" "$t1")
	innodb_since LOAD "$lsn" "$reads"
}

# Minimal floor's table: nothing any implementation could leave out. Sets LOAD_MIN_S.
floor_minimal() {
	sql "$DB" -e "CREATE TABLE card_min (
		id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
		account_id CHAR(9) NOT NULL,
		card_id VARCHAR(255) NOT NULL,
		status TINYINT NOT NULL,
		token_hash BINARY(32) NOT NULL,
		pin_hash BINARY(32),
		CONSTRAINT card_min_account_card_id_uk UNIQUE (account_id, card_id),
		CONSTRAINT card_min_account_token_hash_uk UNIQUE (account_id, token_hash))"
	load_data "$WORK/minimal.tsv" card_min \
		"(account_id, card_id, status, @token_hash, @pin_hash) SET token_hash = UNHEX(@token_hash), pin_hash = UNHEX(@pin_hash)"
	LOAD_MIN_S=$LOAD_S MIN_REDO=$LOAD_REDO MIN_READS=$LOAD_READS MIN_DB_CPU=$LOAD_DB_CPU
	settle card_min
}

# Copy floor: cardmint's own card table (columns and indexes). Sets LOAD_COPY_S.
floor_card_copy() {
	sql "$DB" -e "CREATE TABLE card_floor LIKE card"
	load_data "$WORK/copy.tsv" card_floor \
		"(id, account_id, card_id, type, status, balance, reserved_amount, created_at, created_by, updated_at, order_ref,
		 card_index, token_attempt, token_format_id, pin_format_id, @token_hash, @pin_hash, hash_key_id)
		 SET token_hash = UNHEX(@token_hash), pin_hash = UNHEX(@pin_hash)"
	LOAD_COPY_S=$LOAD_S COPY_REDO=$LOAD_REDO COPY_READS=$LOAD_READS
	settle card_floor
}

# gpg encrypts the print CSV to the demo manufacturer's key (from the order's data dir $1), the
# same work as cardmint's writer: AES-256, integrity-protected, no compression (gpg's default
# would also compress, which costs more and would flatter the ratio). Sets GPG_S.
floor_gpg() {
	local t0 t1
	if [ ! -d "$WORK/gnupg" ]; then
		mkdir -m 700 "$WORK/gnupg"
		gpg --homedir "$WORK/gnupg" --batch --quiet --import "$1/data/demo-manufacturer/demo-manufacturer.pub.asc" 2>/dev/null
	fi
	rm -f "$WORK/print.csv.pgp"
	t0=$(now)
	gpg --homedir "$WORK/gnupg" --batch --trust-model always --cipher-algo AES256 -z 0 \
		-e -r demo@cardmint.invalid -o "$WORK/print.csv.pgp" "$WORK/print.csv"
	t1=$(now)
	GPG_S=$(secs "$t0" "$t1")
}

# Bytes per card of each table's indexes (InnoDB's persistent statistics after ANALYZE TABLE:
# pages allocated × page size; PRIMARY is the clustered index, i.e. the rows themselves).
table_sizes() {
	sql -N "$DB" -e "ANALYZE TABLE card, card_floor, card_min" >/dev/null
	sql -N "$DB" -e "SELECT s.table_name, s.index_name, s.stat_value * @@innodb_page_size
		FROM mysql.innodb_index_stats s WHERE s.database_name = '$DB' AND s.stat_name = 'size'
		AND s.table_name IN ('card', 'card_floor', 'card_min') ORDER BY s.table_name, s.index_name = 'PRIMARY' DESC, s.index_name"
}

# One run: a fresh database, the order, then the floors. Appends a line to $WORK/results.tsv.
one_run() {
	local run=$1 dir="$WORK/run$1"
	fresh_database
	run_order "$dir"
	settle card
	floor_minimal
	floor_card_copy
	floor_gpg "$dir"
	table_sizes >"$dir/sizes.tsv"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$ORDER_S" "$JOB_S" "$BEFORE_S" "$AFTER_S" \
		"$RSS_KB" "$LOAD_MIN_S" "$LOAD_COPY_S" "$GPG_S" "$ORDER_JVM_CPU" "$ORDER_DB_CPU" "$MIN_DB_CPU" >>"$WORK/results.tsv"
	report_run "$dir"
}

report_run() {
	local dir=$1 floor_min floor_copy
	floor_min=$(awk -v a="$LOAD_MIN_S" -v b="$GPG_S" 'BEGIN { printf "%.2f", a + b }')
	floor_copy=$(awk -v a="$LOAD_COPY_S" -v b="$GPG_S" 'BEGIN { printf "%.2f", a + b }')
	grep -E "^(status|cards):" "$dir/order.out" | sed 's/^/   /' || true
	printf "order wall time          %8s s   (JVM start to exit; job alone %s s)\n" "$ORDER_S" "$JOB_S"
	printf "   before the job         %8s s   (JVM start, Spring context, Flyway, manifest checks)\n" "$BEFORE_S"
	printf "   after the job          %8s s   (job end to process exit)\n" "$AFTER_S"
	awk -v n="$CARDS_WRITTEN" -v s="$ORDER_S" -v j="$JOB_S" 'BEGIN { printf "throughput               %8.0f cards/s (job alone %.0f cards/s)\n", n / s, n / j }'
	awk -v k="$RSS_KB" 'BEGIN { printf "peak RSS                 %8.0f MB\n", k / 1024 }'
	printf "CPU                      %8s s   (order's JVM %s s + MariaDB %s s; minimal floor's LOAD DATA: MariaDB %s s)\n" \
		"$(awk -v a="$ORDER_JVM_CPU" -v b="$ORDER_DB_CPU" 'BEGIN { printf "%.2f", a + b }')" "$ORDER_JVM_CPU" \
		"$ORDER_DB_CPU" "$MIN_DB_CPU"
	echo "steps (BATCH_STEP_EXECUTION):"
	awk -F'\t' '{ printf "   %-22s %8s s  (%s written)\n", $1, $2, $3 }' "$dir/steps.txt"
	if [ -n "$PRINT_FILE" ]; then
		printf "print file               %8s MB   %s\n" "$(du -m "$PRINT_FILE" | cut -f1)" "$(basename "$PRINT_FILE")"
	fi
	printf "floor: gpg encrypt       %8s s   (%s MB plaintext)\n" "$GPG_S" "$(du -m "$WORK/print.csv" | cut -f1)"
	printf "%-26s %14s %14s\n" "" "minimal floor" "copy floor"
	printf "%-26s %12s s %12s s\n" "   LOAD DATA" "$LOAD_MIN_S" "$LOAD_COPY_S"
	printf "%-26s %12s s %12s s\n" "   + gpg" "$floor_min" "$floor_copy"
	printf "%-26s %14s %14s\n" "   ratio order / floor" "$(ratio "$ORDER_S" "$floor_min")" "$(ratio "$ORDER_S" "$floor_copy")"
	printf "%-26s %14s %14s\n" "   ratio job alone / floor" "$(ratio "$JOB_S" "$floor_min")" "$(ratio "$JOB_S" "$floor_copy")"
	echo "InnoDB, whole server, during each phase: redo written, pages read from disk (buffer pool misses)"
	awk -v n="$N" -v o="$ORDER_REDO" -v oreads="$ORDER_READS" -v m="$MIN_REDO" -v mr="$MIN_READS" -v c="$COPY_REDO" -v cr="$COPY_READS" 'BEGIN {
		printf "   %-26s %8.0f MB %7.0f bytes/card %10d reads\n", "order", o / 1048576, o / n, oreads
		printf "   %-26s %8.0f MB %7.0f bytes/card %10d reads\n", "minimal floor LOAD DATA", m / 1048576, m / n, mr
		printf "   %-26s %8.0f MB %7.0f bytes/card %10d reads\n", "copy floor LOAD DATA", c / 1048576, c / n, cr }'
	echo "index sizes (InnoDB statistics; PRIMARY holds the rows):"
	awk -F'\t' -v n="$N" '{ printf "   %-11s %-32s %7.1f MB %7.1f bytes/card\n", $1, $2, $3 / 1048576, $3 / n }' "$dir/sizes.tsv"
	awk -F'\t' '{ t[$1] += $3 } END { for (k in t) printf "   %-11s %-32s %7.1f MB\n", k, "(total)", t[k] / 1048576 }' "$dir/sizes.tsv" | sort
}

# The median of each figure and of each run's own ratios (each pair measured in the same run).
summary() {
	col() { cut -f"$1" "$WORK/results.tsv" | median; }
	echo
	echo "== median of $RUNS runs, N=$N"
	printf "order wall time          %8s s   (job alone %s s)\n" "$(col 2)" "$(col 3)"
	awk -v k="$(col 6)" 'BEGIN { printf "peak RSS                 %8.0f MB\n", k / 1024 }'
	printf "minimal floor            %8s s   (LOAD DATA %s s + gpg %s s)\n" \
		"$(awk -F'\t' '{ print $7 + $9 }' "$WORK/results.tsv" | median)" "$(col 7)" "$(col 9)"
	printf "copy floor               %8s s   (LOAD DATA %s s + gpg %s s)\n" \
		"$(awk -F'\t' '{ print $8 + $9 }' "$WORK/results.tsv" | median)" "$(col 8)" "$(col 9)"
	printf "ratio order / minimal    %8s     (job alone %s; target for 1,000,000 cards: <= 2.0)\n" \
		"$(awk -F'\t' '{ print $2 / ($7 + $9) }' "$WORK/results.tsv" | median | xargs printf %.2f)" \
		"$(awk -F'\t' '{ print $3 / ($7 + $9) }' "$WORK/results.tsv" | median | xargs printf %.2f)"
	printf "ratio order / copy       %8s     (job alone %s)\n" \
		"$(awk -F'\t' '{ print $2 / ($8 + $9) }' "$WORK/results.tsv" | median | xargs printf %.2f)" \
		"$(awk -F'\t' '{ print $3 / ($8 + $9) }' "$WORK/results.tsv" | median | xargs printf %.2f)"
	printf "CPU of the order         %8s s   (JVM %s s + MariaDB %s s; the minimal floor's LOAD DATA: MariaDB %s s)\n" \
		"$(awk -F'\t' '{ print $10 + $11 }' "$WORK/results.tsv" | median)" "$(col 10)" "$(col 11)" "$(col 12)"
	echo "per run (s): run order job before after rss_kb load_minimal load_copy gpg jvm_cpu db_cpu_order db_cpu_minimal"
	sed 's/^/   /' "$WORK/results.tsv"
}

# What MariaDB was given: the figures above depend on these (see bench/README.md).
server_settings() {
	sql -N -e "SELECT VERSION(), @@innodb_buffer_pool_size, @@innodb_log_file_size, @@innodb_flush_log_at_trx_commit" |
		awk -F'\t' '{ printf "MariaDB %s, innodb_buffer_pool_size %.0f MB, innodb_log_file_size %.0f MB, innodb_flush_log_at_trx_commit %s\n", $1, $2 / 1048576, $3 / 1048576, $4 }'
}

check_tools
write_manifest
make_floor_data
make_keys
echo "== cardmint order benchmark: N=$N, $RUNS run(s), $(nproc) CPUs, $(java -version 2>&1 | head -1)"
echo "   launcher: ${CARDMINT[*]}${CARDMINT_HOME:+ (CARDMINT_HOME=$CARDMINT_HOME)}"
echo "   $(server_settings)"
for run in $(seq 1 "$RUNS"); do
	echo "-- run $run of $RUNS"
	one_run "$run"
done
[ "$RUNS" -gt 1 ] && summary
exit 0
