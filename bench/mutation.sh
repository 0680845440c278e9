#!/usr/bin/env bash
# Mutation scores (PIT) of the packages whose tests must catch a broken check: each package is
# mutated and run against its own tests only (the `mutation` Maven profile in pom.xml).
#
#   bench/mutation.sh                 # code, print and payment
#   bench/mutation.sh code print      # some of them
#
# Prints, per package, mutants killed / total, the score, line coverage and every mutant that
# survived (docs/mutation.md says why each one left is harmless). Targets: code >= 95 %,
# print >= 90 %, payment >= 95 %; exits 1 if a package misses its target.
# Env: THREADS (PIT worker threads, default 1: the machine is shared; payment always uses 1,
# since its tests share one MariaDB database), DB (test database, default cardmint_pit),
# OFFLINE=1 adds -o to Maven.
# Cost on the 2-core development machine: see docs/mutation.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=("$@")
[[ ${#PACKAGES[@]} -gt 0 ]] || PACKAGES=(code print payment)
THREADS=${THREADS:-1}
DB=${DB:-cardmint_pit}
declare -A TARGET=([code]=95 [print]=90 [payment]=95)
MVN=(mvn -B -Pmutation -Dmutation.threads="$THREADS" -Dmutation.db-name="$DB")
[[ ${OFFLINE:-} == 1 ]] && MVN+=(-o)

goals=(test-compile)
for package in "${PACKAGES[@]}"; do
  [[ -n ${TARGET[$package]:-} ]] || { echo "unknown package $package (code, print or payment)" >&2; exit 2; }
  goals+=("org.pitest:pitest-maven:mutationCoverage@$package")
done

start=$(date +%s)
log=$(mktemp /tmp/cardmint-mutation.XXXXXX.log)
if ! "${MVN[@]}" "${goals[@]}" >"$log" 2>&1; then
  tail -50 "$log" >&2
  echo "PIT failed; full log in $log" >&2
  exit 1
fi
echo "PIT took $(($(date +%s) - start)) s for ${PACKAGES[*]} (threads $THREADS); log in $log"

status=0
for package in "${PACKAGES[@]}"; do
  python3 - "$package" "target/pit-reports/$package/mutations.xml" "${TARGET[$package]}" <<'PY' || status=1
import sys
import xml.etree.ElementTree as ET

package, report, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
mutations = list(ET.parse(report).getroot())
# PIT counts a mutant as detected when a test fails, errors or times out on it.
detected = [m for m in mutations if m.get("detected") == "true"]
score = 100.0 * len(detected) / len(mutations) if mutations else 100.0
print(f"{package:8} {len(detected)}/{len(mutations)} mutants killed = {score:.1f} % (target {target} %)")
for m in mutations:
    if m.get("detected") != "true":
        text = lambda tag: m.findtext(tag) or ""
        print(f"  {m.get('status'):12} {text('mutatedClass').rsplit('.', 1)[-1]}.{text('mutatedMethod')}"
              f":{text('lineNumber')}  {text('description')}")
sys.exit(0 if score >= target else 1)
PY
done
exit $status
