#!/usr/bin/env bash
# Starts `serve` on the given port (in the jar's directory, so ./data is the jar's) and returns
# when its readiness probe answers 200: hyperfine times it as `serve`'s start-up (README).
set -u
jar=$(realpath "$1"); port=$2
cd "$(dirname "$jar")" || exit 2
java -jar "$jar" serve --server.port="$port" >/dev/null 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do
	kill -0 "$pid" 2>/dev/null || { echo "serve ended before it was ready" >&2; exit 1; }
	sleep 0.05
done
kill -TERM "$pid"; wait "$pid" 2>/dev/null
exit 0
