#!/usr/bin/env bash
# Runs the local devnet in the foreground:
#   optimist-l1         the L1 stub, http://127.0.0.1:8545 (chain id 900, 2 s blocks)
#   optimist-sequencer  the rollup, http://127.0.0.1:9545 (chain id 901, 1 s blocks), with its
#                       batcher (dev account 8) and proposer (dev account 9) posting to the L1
#   optimist-verifier   rebuilds the chain from the L1 alone and checks every output root;
#                       serves the derived chain on http://127.0.0.1:9546
#   optimist-challenger (dev account 7) re-derives the chain from the L1 and disputes every
#                       wrong output root, playing its games down to a one-step proof
#   optimist-challenger (dev account 9, --no-dispute) the proposer's defender: plays the
#                       asserter's side of every game opened against the proposer's roots
# Each process's log lines carry its name. State persists in $DEVNET_DIR (default .devnet/)
# across runs; `make devnet-reset` wipes it. Ctrl-C stops every process cleanly.
# Arguments go to the sequencer, e.g. a deliberate fault for the challenger to catch:
#   bash tools/devnet.sh --fault empty-block-root --fault-block 20
# Dispute games use the stub's default clock, 200 L1 blocks per party: a game bisects over
# ~20-30 levels and each move takes at least one L1 block.
set -euo pipefail

BUILD=${BUILD:-build}
DEVNET_DIR=${DEVNET_DIR:-.devnet}
L1="$BUILD/tools/l1/optimist-l1"
SEQUENCER="$BUILD/tools/sequencer/optimist-sequencer"
VERIFIER="$BUILD/tools/verifier/optimist-verifier"
CHALLENGER="$BUILD/tools/challenger/optimist-challenger"

for bin in "$L1" "$SEQUENCER" "$VERIFIER" "$CHALLENGER"; do
  if [[ ! -x "$bin" ]]; then
    echo "devnet: $bin is missing; run 'make devnet' (it builds first)" >&2
    exit 1
  fi
done
mkdir -p "$DEVNET_DIR"

pids=()
stop_all() {
  trap - INT TERM
  # In reverse start order: the challengers, the sequencer (its pipeline talks to the L1), the
  # verifier, then the L1.
  for (( i=${#pids[@]}-1; i>=0; i-- )); do kill -INT "${pids[$i]}" 2>/dev/null || true; done
  wait
}
trap stop_all INT TERM

# Prefixes every line of a process's log with its name.
prefix() { sed -u "s/^/[$1] /"; }

wait_for_rpc() {
  local url=$1 name=$2
  for _ in $(seq 1 100); do
    if curl -s -m 1 -X POST -H 'content-type: application/json' \
        --data '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$url" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "devnet: $name did not answer on $url" >&2
  stop_all
  exit 1
}

"$L1" --datadir "$DEVNET_DIR/l1" --log-level warn 2> >(prefix l1 >&2) > >(prefix l1) &
pids+=($!)
wait_for_rpc http://127.0.0.1:8545 optimist-l1

"$VERIFIER" --datadir "$DEVNET_DIR/verifier" --l1 http://127.0.0.1:8545 --http.port 9546 \
  2> >(prefix verifier >&2) &
pids+=($!)

"$SEQUENCER" --datadir "$DEVNET_DIR/sequencer" --l1 http://127.0.0.1:8545 "$@" 2> >(prefix sequencer >&2) &
pids+=($!)
wait_for_rpc http://127.0.0.1:9545 optimist-sequencer

# Each challenger derives the chain into its own datadir. Their banners go to the log too.
"$CHALLENGER" run --key dev:7 --l1 http://127.0.0.1:8545 --datadir "$DEVNET_DIR/challenger" \
  --proof-dir "$DEVNET_DIR/proofs" 2> >(prefix challenger >&2) > >(prefix challenger) &
pids+=($!)
"$CHALLENGER" run --key dev:9 --no-dispute --l1 http://127.0.0.1:8545 --datadir "$DEVNET_DIR/defender" \
  2> >(prefix defender >&2) > >(prefix defender) &
pids+=($!)

cat >&2 <<MSG
devnet: running (Ctrl-C stops everything; data in $DEVNET_DIR)
  L2 RPC     http://127.0.0.1:9545   chain id 901   (optimist status, optimist_syncStatus)
  L1 RPC     http://127.0.0.1:8545   chain id 900   (batch inbox, output oracle, dispute games)
  verifier   http://127.0.0.1:9546   the chain derived from L1 alone
  challenger dev account 7           disputes wrong roots; proofs in $DEVNET_DIR/proofs
  defender   dev account 9           defends the proposer's roots (--no-dispute)
  games      $CHALLENGER list-games
MSG
wait
