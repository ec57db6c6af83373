// Crashes in the rollup pipeline, from the outside:
//   1. kill -9 the sequencer (and with it the batcher and proposer) in mid-stream, restart it
//      on the same datadir and L1: every acknowledged transaction ends in a block, blocks
//      seen before the crash are unchanged, the chain continues;
//   2. kill -9 the L1 stub in mid-run, restart it on the same datadir and port: the
//      sequencer's pipeline logs a warning, retries, and reconnects;
//   3. everything lands on L1: safe_l2 reaches the last transaction's block, the verifier
//      (--once, fresh datadir) matches every posted root, and `optimist batch inspect` shows
//      each L2 block in exactly one channel and no frame posted twice.
//
// Run: node tests/e2e/rollup_crash.mjs --sequencer PATH --l1-bin PATH --verifier PATH --cli PATH
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ethers } from './lib/deps.mjs';
import { freePort, sequencerPath } from './lib/node.mjs';
import { signTransfers } from './lib/send.mjs';
import { rpc, sleep, waitFor } from './lib/rpc.mjs';
import {
  batched,
  cliJson,
  coverageProblems,
  l1Outputs,
  sendAll,
  startL1,
  startRollupSequencer,
  syncStatus,
  verifyOnce,
} from './lib/rollup.mjs';

const TOTAL = 900;
const SENDERS = 10;
// The three phases of the stream: up to the sequencer kill, up to the L1 kill, the rest.
const SEQ_KILL_AFTER = 200 + Math.floor(Math.random() * 100);
const L1_KILL_AT = 550;
const L1_ARGS = ['--block-time', '0.5', '--challenge-window', '4', '--log-level', 'warn'];
const L2_ARGS = ['--block-time', '0.3'];

const procs = [];
after(async () => {
  for (const p of procs.reverse()) {
    await p.kill9();
    p.cleanup();
  }
});

// Keeps the newest block hash the sequencer reports, to check a restart rewrote none.
function watchBlocks(url, seen) {
  let on = true;
  const done = (async () => {
    while (on) {
      try {
        const b = await rpc(url, 'eth_getBlockByNumber', ['latest', false]);
        seen.set(Number(b.number), b.hash);
      } catch {
        // killed
      }
      await sleep(100);
    }
  })();
  return async () => {
    on = false;
    await done;
  };
}

test('kill -9 of the sequencer and of the L1 loses no block and posts none twice', { timeout: 85_000 }, async () => {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  // A fixed port: the sequencer's --l1 URL must reach the restarted L1.
  const l1Port = await freePort();
  let l1 = await startL1({ port: l1Port, args: L1_ARGS });
  procs.push(l1);
  const l1Dir = l1.datadir;
  let seq = await startRollupSequencer({ binary: sequencerPath(), l1Url: l1.url, args: L2_ARGS });
  procs.push(seq);
  const seqDir = seq.datadir;
  const stream = signTransfers({ total: TOTAL, senders: SENDERS, tag: 'rollup-crash', recipients: 23 });

  // ---- 1. kill -9 the sequencer mid-stream ----
  const seen = new Map();
  const stopWatching = watchBlocks(seq.url, seen);
  let acked = 0;
  let killed = false;
  let killing = null;
  await sendAll(seq.url, stream, {
    shouldStop: () => killed,
    onAck: () => {
      if (++acked === SEQ_KILL_AFTER) {
        killed = true;
        killing = seq.kill9();
      }
    },
  });
  await killing;
  await stopWatching();
  const headBefore = Math.max(0, ...[...seen.keys()]);
  for (const t of stream) if (t.state === 'unknown' || t.state === 'inflight') t.cutOff = true;
  console.log(`# sequencer killed after ${acked} acknowledgements, head was ${headBefore} (${elapsed()})`);

  seq = await startRollupSequencer({ binary: sequencerPath(), l1Url: l1.url, datadir: seqDir, args: L2_ARGS });
  procs.push(seq);
  const seenList = [...seen.entries()];
  const again = await batched(seq.url, 'eth_getBlockByNumber', seenList.map(([n]) => [ethers.toQuantity(n), false]));
  seenList.forEach(([n, hash], k) => assert.equal(again[k]?.hash, hash, `block ${n} changed across the crash`));
  const ackedBefore = stream.filter((t) => t.state === 'acked');
  const found = await batched(seq.url, 'eth_getTransactionByHash', ackedBefore.map((t) => [t.hash]));
  found.forEach((tx, k) => assert.ok(tx, `acknowledged tx ${ackedBefore[k].i} lost in the sequencer crash`));

  // ---- 2. kill -9 the L1 while the stream goes on ----
  const rest = stream.filter((t) => t.state !== 'acked');
  let l1Killed = null;
  let sentSinceRestart = 0;
  await sendAll(seq.url, rest, {
    tolerate: (t) => t.cutOff === true,
    onAck: () => {
      if (++sentSinceRestart === L1_KILL_AT - acked) l1Killed = l1.kill9();
    },
  });
  if (!l1Killed) l1Killed = l1.kill9();
  await l1Killed;
  console.log(`# L1 killed; stream finished while it was down (${elapsed()})`);
  // The pipeline notices: a warning saying it will retry, and sync status says unreachable.
  await waitFor('the pipeline to warn about the L1', () => seq.log.some((l) => /WARN.*will retry/.test(l)), {
    timeoutMs: 10_000,
    intervalMs: 100,
  });
  assert.equal((await syncStatus(seq.url)).l1_reachable, false);
  await sleep(500); // a few failed polls while the L1 is down
  l1 = await startL1({ port: l1Port, datadir: l1Dir, args: L1_ARGS });
  procs.push(l1);
  await waitFor('the pipeline to reconnect', () => seq.log.some((l) => /L1 reachable again/.test(l)), {
    timeoutMs: 15_000,
    intervalMs: 100,
  });
  console.log(`# L1 restarted, pipeline reconnected (${elapsed()})`);

  // ---- 3. everything lands ----
  const receipts = await waitFor(
    `receipts of all ${TOTAL} transactions`,
    async () => {
      const all = await batched(seq.url, 'eth_getTransactionReceipt', stream.map((t) => [t.hash]));
      return all.every((r) => r !== null) ? all : null;
    },
    { timeoutMs: 20_000, intervalMs: 250 },
  );
  assert.ok(receipts.every((r) => r.status === '0x1'));
  const lastTxBlock = Math.max(...receipts.map((r) => Number(r.blockNumber)));
  const head = Number(await rpc(seq.url, 'eth_blockNumber', []));
  const blocks = await batched(seq.url, 'eth_getBlockByNumber', Array.from({ length: head + 1 }, (_, n) => [ethers.toQuantity(n), false]));
  for (let n = 1; n <= head; n++) assert.equal(blocks[n].parentHash, blocks[n - 1].hash, `block ${n} links to its parent`);
  assert.equal(blocks.reduce((s, b) => s + b.transactions.length, 0), TOTAL, 'each transaction in exactly one block');
  await waitFor(
    `safe_l2 >= ${lastTxBlock}`,
    async () => (await syncStatus(seq.url)).safe_l2?.number >= lastTxBlock,
    { timeoutMs: 25_000, intervalMs: 100 },
  );
  console.log(`# all ${TOTAL} transactions in blocks up to ${lastTxBlock}, safe (${elapsed()})`);

  // Freeze the L1 side, then check it from L1 data alone.
  assert.equal((await seq.stop()).code, 0, 'the sequencer stops cleanly');
  const l1Head = Number(await rpc(l1.url, 'eth_blockNumber', []));
  await waitFor('two more L1 blocks', async () => Number(await rpc(l1.url, 'eth_blockNumber', [])) >= l1Head + 2, {
    intervalMs: 100,
  });
  const { doc: inspect } = await cliJson(['batch', 'inspect', '--l1', l1.url]);
  const postedUpTo = Math.max(...inspect.channels.filter((c) => c.ok).map((c) => c.lastBlock));
  assert.ok(postedUpTo >= lastTxBlock);
  assert.deepEqual(coverageProblems(inspect, postedUpTo), [], 'every L2 block in exactly one channel');
  assert.equal(inspect.summary.duplicateFrames, 0, 'no frame posted twice');
  assert.deepEqual(inspect.rejections, [], 'derivation rejects nothing the batcher posted');
  assert.equal(inspect.summary.transactions, TOTAL);

  const proposals = await l1Outputs(l1.url);
  const v = await verifyOnce(l1.url);
  console.log(`# verifier: ${v.stdout.trim()} (${elapsed()})`);
  assert.equal(v.code, 0, v.stderr);
  assert.equal(v.mismatched, 0);
  assert.equal(v.checked, proposals.length, 'every proposal checked');
  assert.equal(v.rejected, 0);
  assert.ok(v.derived >= postedUpTo);
  proposals.forEach((p, k) => k > 0 && assert.ok(Number(p.l2Block) > Number(proposals[k - 1].l2Block), 'no block proposed twice'));
});
