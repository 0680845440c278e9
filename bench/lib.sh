# Helpers shared by the benchmark scripts; sourced, not run.
# shellcheck shell=bash

# Stops with a message naming the commands given that are not installed (Debian: apt-get install -y …).
need() {
	local missing=() tool
	for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
	if ((${#missing[@]})); then
		echo "bench: missing ${missing[*]} (Debian: apt-get install -y ${missing[*]})" >&2
		exit 1
	fi
}

# The median of the numbers on stdin, one a line (the lower middle one for an even count, so
# the figure printed is one that was measured).
median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print v[int((NR + 1) / 2)] }'
}

# a / b with two decimals.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b == 0) ? 0 : a / b }'
}

# A wrk latency ("850.12us", "20.31ms", "1.02s") in milliseconds.
wrk_ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
		else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
		else { sub(/s$/, "", v); printf "%.2f", v * 1000 } }'
}

# Puts the MariaDB JDBC driver the application ships (BOOT-INF/lib of the jar given) into the
# directory given and prints its path, so the bare-JDBC floors run on the very driver version
# cardmint runs on. Falls back to the newest one in the local Maven repository.
mariadb_driver() {
	local jar=$1 dir=$2 entry
	entry=$(unzip -Z1 "$jar" 2>/dev/null | grep -E '^BOOT-INF/lib/mariadb-java-client-[^/]*\.jar$' | head -1 || true)
	if [[ -n $entry ]]; then
		unzip -q -o -j "$jar" "$entry" -d "$dir"
		echo "$dir/$(basename "$entry")"
		return
	fi
	find "${HOME}/.m2/repository/org/mariadb/jdbc/mariadb-java-client" -name 'mariadb-java-client-*.jar' \
		-not -name '*sources*' 2>/dev/null | sort -V | tail -1 | grep . ||
		{ echo "bench: no MariaDB JDBC driver in $jar or ~/.m2" >&2; return 1; }
}

# Runs bench/Floor.java (single-file source launch, no build) with the driver on the class path.
floor_java() {
	local driver=$1
	shift
	java -cp "$driver" "$BENCH_DIR/Floor.java" "$@"
}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
