#!/usr/bin/env bash
# Runs `optimist-bench exec` on every workload (sequential against Block-STM, side by side in
# one run per workload), writes the JSON results to bench/exec_results.json, plots the
# speedups to bench/exec_speedup.png (gnuplot) and prints the Markdown table that
# bench/RESULTS.md carries. Usage: bench/exec_report.sh [BUILD_DIR] [TXS] [THREADS]
set -euo pipefail
build=${1:-build}
txs=${2:-2000}
threads=${3:-1,2}
here=$(cd "$(dirname "$0")" && pwd)
bench="$build/bench/optimist-bench"
[[ -x "$bench" ]] || { echo "exec_report: $bench not built (make build)" >&2; exit 1; }

# name | extra options
workloads=(
  "transfers|"
  "erc20|"
  "erc20-hot|--hot 0.2"
  "amm|--pools 64"
  "nft|"
  "mainnet|"
  "hotslot|"
)

results="$here/exec_results.json"
table="$here/exec_speedup.dat"
echo "[" > "$results"
: > "$table"
first=1
for entry in "${workloads[@]}"; do
  label=${entry%%|*}
  extra=${entry#*|}
  kind=${label%-hot}
  echo "exec_report: $label ($txs transactions, threads $threads)" >&2
  # shellcheck disable=SC2086
  json=$("$bench" exec --workload "$kind" --txs "$txs" --threads "$threads" --json $extra)
  [[ $first -eq 1 ]] || echo "," >> "$results"
  first=0
  echo "$json" | sed "s/^{/{\n  \"label\": \"$label\",/" >> "$results"
  node -e '
    const r = JSON.parse(process.argv[1]);
    const seq = r.results[0], par = r.results[r.results.length - 1];
    console.log([process.argv[2], r.speedup.toFixed(3), Math.round(seq.tx_per_s), Math.round(par.tx_per_s),
                 seq.mgas_per_s.toFixed(0), par.mgas_per_s.toFixed(0),
                 (par.reexecutions_per_tx ?? 0).toFixed(3), par.fell_back_to_sequential ? "fallback" : "block-stm",
                 r.roots_match].join(" "));' "$json" "$label" >> "$table"
done
echo "]" >> "$results"

if command -v gnuplot >/dev/null; then
  gnuplot <<GP
set terminal pngcairo size 900,480 font "sans,11" 2>/dev/null
set terminal png size 900,480
set output "$here/exec_speedup.png"
set title "Block-STM speedup over sequential execution ($txs-transaction block, threads $threads, $(nproc) cores)"
set ylabel "speedup (parallel / sequential)"
set yrange [0:*]
set style fill solid 0.8 border -1
set boxwidth 0.6
set grid ytics
set xtics rotate by -20
set key off
plot "$table" using 0:2:xtic(1) with boxes lc rgb "#3b6ea8", \
     "$table" using 0:2:(sprintf("%.2fx", \$2)) with labels offset 0,0.8, \
     1 with lines lc rgb "#aa3333" dt 2
GP
  echo "exec_report: plot written to $here/exec_speedup.png" >&2
else
  echo "exec_report: gnuplot not installed (make deps); no plot" >&2
fi

echo "| workload | sequential tx/s | parallel tx/s | sequential Mgas/s | parallel Mgas/s | speedup | re-executions/tx | path | roots match |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"
while read -r label speedup seq_tps par_tps seq_mgas par_mgas reexec path match; do
  echo "| $label | $seq_tps | $par_tps | $seq_mgas | $par_mgas | ${speedup}x | $reexec | $path | $match |"
done < "$table"
