// Time to safe head: from eth_sendRawTransaction to the moment the transaction's L2 block is
// safe (optimist_syncStatus.safe_l2.number >= its block, i.e. the batch carrying it is mined
// on L1), on optimist-l1 + optimist-sequencer with its batcher and proposer.
//
// Setups (--setups, comma-separated):
//   devnet: L1 block time 2 s, L2 block time 1 s (the devnet defaults, tools/devnet.sh)
//   fast:   L1 block time 0.5 s, L2 block time 0.25 s
// Per setup, a fresh L1 and sequencer; after the pipeline has made its first block safe,
// --txs transfers are sent one every --spacing seconds (0.7 s by default: not a multiple of
// either block time, so the sends sample every phase of the L2 and L1 block cycles). Each is
// followed on its own: its receipt (polled every 20 ms) gives its block and the time it was
// included, then sync status (polled every 20 ms) the time that block became safe.
// Reported: median and p90 of send -> included and send -> safe.
//
// Usage (from the repository root, after `npm ci --ignore-scripts`):
//   node bench/safe_head_latency.mjs --sequencer build/tools/sequencer/optimist-sequencer \
//        --l1-bin build/tools/l1/optimist-l1 [--txs 20] [--spacing 0.7] [--setups devnet,fast] [--json]
import os from 'node:os';
import { devKeys, freshAddress, GWEI, signTx } from '../tests/e2e/lib/chain.mjs';
import { argValue, sequencerPath } from '../tests/e2e/lib/node.mjs';
import { rpc, sleep, waitFor } from '../tests/e2e/lib/rpc.mjs';
import { startL1, startRollupSequencer, syncStatus } from '../tests/e2e/lib/rollup.mjs';

const TXS = Number(argValue('--txs', '20'));
const SPACING_MS = Number(argValue('--spacing', '0.7')) * 1000;
const SETUPS = argValue('--setups', 'devnet,fast').split(',');
const JSON_OUT = process.argv.includes('--json');
const POLL_MS = 20;

const SETUP_ARGS = {
  devnet: { l1: ['--block-time', '2'], l2: ['--block-time', '1'] },
  fast: { l1: ['--block-time', '0.5'], l2: ['--block-time', '0.25'] },
};

const log = (line) => (JSON_OUT ? process.stderr : process.stdout).write(line + '\n');

function percentile(sorted, p) {
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p90: percentile(sorted, 90), min: sorted[0], max: sorted[sorted.length - 1] };
}

// Sends one transaction and follows it to the safe head; resolves its timings in ms.
async function follow(url, raw, hash) {
  const sent = performance.now();
  const answer = await rpc(url, 'eth_sendRawTransaction', [raw]);
  if (answer !== hash) throw new Error(`eth_sendRawTransaction returned ${answer}, want ${hash}`);
  let receipt = null;
  while (!(receipt = await rpc(url, 'eth_getTransactionReceipt', [hash]))) await sleep(POLL_MS);
  const included = performance.now();
  const block = Number(receipt.blockNumber);
  for (;;) {
    const s = await syncStatus(url);
    if (s.safe_l2 && s.safe_l2.number >= block) break;
    await sleep(POLL_MS);
  }
  return { block, includedMs: included - sent, safeMs: performance.now() - sent };
}

async function runSetup(name) {
  const setup = SETUP_ARGS[name];
  if (!setup) throw new Error(`unknown setup ${name} (devnet, fast)`);
  const l1 = await startL1({ args: [...setup.l1, '--log-level', 'warn'] });
  const seq = await startRollupSequencer({ binary: sequencerPath(), l1Url: l1.url, args: [...setup.l2, '--log-level', 'warn'] });
  try {
    // Warm-up: the pipeline has read the L1 and made a first block safe.
    await waitFor('a first safe block', async () => (await syncStatus(seq.url)).safe_l2?.number > 0, {
      timeoutMs: 30_000,
      intervalMs: 100,
    });
    const key = devKeys(1)[0];
    const nonce = Number(await rpc(seq.url, 'eth_getTransactionCount', [key.address, 'pending']));
    const txs = Array.from({ length: TXS }, (_, i) =>
      signTx(key.signingKey, {
        chainId: 901n,
        nonce: nonce + i,
        to: freshAddress('safe-latency', i),
        value: 1n,
        gasLimit: 21000n,
        maxFeePerGas: 10n * GWEI,
        maxPriorityFeePerGas: GWEI / 10n,
      }),
    );
    const runs = [];
    for (const { raw, hash } of txs) {
      runs.push(follow(seq.url, raw, hash));
      await sleep(SPACING_MS);
    }
    const results = await Promise.all(runs);
    const included = summary(results.map((r) => r.includedMs));
    const safe = summary(results.map((r) => r.safeMs));
    return { setup: name, l1Args: setup.l1, l2Args: setup.l2, txs: TXS, included, safe, samples: results };
  } finally {
    await seq.stop().catch(() => {});
    await l1.stop().catch(() => {});
    seq.cleanup();
    l1.cleanup();
  }
}

const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
log(`# time to safe head, ${TXS} transactions per setup, one every ${SPACING_MS} ms; ${os.cpus().length} CPUs, load ${load}`);
log('| setup | L1 block | L2 block | send → included median / p90 (s) | send → safe median / p90 (s) | safe min–max (s) |');
log('| --- | --- | --- | --- | --- | --- |');
const out = [];
for (const name of SETUPS) {
  const r = await runSetup(name);
  out.push(r);
  const s = (ms) => (ms / 1000).toFixed(2);
  log(
    `| ${name} | ${r.l1Args[1]} s | ${r.l2Args[1]} s | ${s(r.included.median)} / ${s(r.included.p90)} | ` +
      `${s(r.safe.median)} / ${s(r.safe.p90)} | ${s(r.safe.min)}–${s(r.safe.max)} |`,
  );
}
log(`# load after: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (JSON_OUT) console.log(JSON.stringify({ loadBefore: load, results: out }, null, 2));
