#!/usr/bin/env bash
# Runs `optimist-bench evm` against a fresh anvil (revm): the same compute-heavy contract
# calls (contracts/Bench*.sol, about 25M gas each) on Optimist's interpreter and as eth_call
# on anvil, side by side in one run, one thread each. Writes the JSON results to
# bench/evm_results.json and prints the Markdown table that bench/RESULTS.md carries.
#
# anvil comes from node_modules (`make js-deps`), runs Cancun (what Optimist implements) on
# a free loopback port with a 1e9 block gas limit (each call gets 1e9 gas), and is stopped
# on exit. The script exits with optimist-bench's status: non-zero when a workload failed
# on Optimist's side or the two sides disagreed on an output or the gas used; the results
# file and table are written either way.
# Usage: bench/evm_report.sh [BUILD_DIR] [REPEAT]
set -euo pipefail
build=${1:-build}
repeat=${2:-7}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
bench="$build/bench/optimist-bench"
anvil="$root/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
gas_limit=1000000000
[[ -x "$bench" ]] || { echo "evm_report: $bench not built (make build)" >&2; exit 1; }
[[ -x "$anvil" ]] || { echo "evm_report: $anvil not installed (make js-deps)" >&2; exit 1; }

port=$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
log=$(mktemp)
"$anvil" --host 127.0.0.1 --port "$port" -q --hardfork cancun --gas-limit "$gas_limit" >"$log" 2>&1 &
anvil_pid=$!
trap 'kill "$anvil_pid" 2>/dev/null || true; wait "$anvil_pid" 2>/dev/null || true; rm -f "$log"' EXIT

for _ in $(seq 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  kill -0 "$anvil_pid" 2>/dev/null || { echo "evm_report: anvil exited:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
echo "evm_report: $("$anvil" --version | head -1) on port $port; optimist-bench evm --repeat $repeat" >&2

results="$here/evm_results.json"
status=0
"$bench" evm --anvil-url "http://127.0.0.1:$port" --gas-limit "$gas_limit" --repeat "$repeat" --json >"$results.tmp" || status=$?
if [[ ! -s "$results.tmp" ]]; then
  rm -f "$results.tmp"
  echo "evm_report: optimist-bench evm failed (status $status) before writing results" >&2
  exit "$status"
fi
mv "$results.tmp" "$results"
echo "evm_report: results written to $results" >&2

node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const f = (x, d = 1) => x.toFixed(d);
  console.log(`${r.anvil.version}; ${r.statistic}; one thread each; empty eth_call round trip ` +
              `${f(r.anvil.empty_call_min_s * 1e3, 3)} ms (fastest), ${f(r.anvil.empty_call_median_s * 1e3, 3)} ms (median)`);
  console.log("");
  console.log("| workload | the loop | Mgas per call | Optimist Mgas/s | anvil Mgas/s | ratio (Optimist / anvil) | ratio of medians | output and gas match |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const w of r.workloads) {
    if (w.status === "optimist_failed") {
      console.log(`| ${w.workload} | ${w.description} | - | failed | - | - | - | Optimist: ${w.optimist_error} |`);
      continue;
    }
    const match = w.outputs_match && w.gas_match ? "yes" : `**NO**: ${(w.problems || []).join("; ")}`;
    console.log(`| ${w.workload} | ${w.description} | ${f(w.gas_used / 1e6, 2)} | ${f(w.optimist.mgas_per_s)} | ` +
                `${f(w.anvil.mgas_per_s)} | **${f(w.ratio, 2)}x** | ${f(w.ratio_median, 2)}x | ${match} |`);
  }' "$results"
exit "$status"
