#!/usr/bin/env bash
# Runs the local devnet in the foreground: the sequencer with the dev genesis (chain id 901,
# the ten "test test ... junk" accounts funded), JSON-RPC on http://127.0.0.1:9545.
# State persists in $DEVNET_DIR (default .devnet/) across runs; `make devnet-reset` wipes it.
# Ctrl-C stops every process cleanly. The L1 stub, batcher, proposer and challenger join
# this script as they land.
set -euo pipefail

BUILD=${BUILD:-build}
DEVNET_DIR=${DEVNET_DIR:-.devnet}
SEQUENCER="$BUILD/tools/sequencer/optimist-sequencer"

if [[ ! -x "$SEQUENCER" ]]; then
  echo "devnet: $SEQUENCER is missing; run 'make devnet' (it builds first)" >&2
  exit 1
fi
mkdir -p "$DEVNET_DIR"

pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill -INT "$pid" 2>/dev/null || true; done
  wait
}
trap stop_all INT TERM

"$SEQUENCER" --datadir "$DEVNET_DIR/sequencer" "$@" &
pids+=($!)

echo "devnet: sequencer pid ${pids[0]}, data in $DEVNET_DIR (Ctrl-C stops it)" >&2
wait
