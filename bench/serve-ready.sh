#!/usr/bin/env bash
# Starts `serve` on the given port and returns when its readiness probe answers 200 (start-up time).
set -u
jar=$1; port=$2
cd "$(dirname "$jar")"
java -jar "$jar" serve --server.port="$port" >/dev/null 2>&1 &
pid=$!
until curl -fs "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null 2>&1; do sleep 0.05; done
kill -TERM $pid; wait $pid 2>/dev/null
exit 0
