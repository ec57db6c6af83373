// The rollup end to end: optimist-l1, a sequencer posting batches and output roots to it,
// 1,000 transfers, then from the outside:
//   - every transfer's block becomes safe (its batch is on L1), then finalized (its root
//     passed the challenge window);
//   - `optimist roots` lists every proposal, each matching the node's root;
//   - optimist-verifier --once, on a fresh datadir, rebuilds the chain from L1 data alone and
//     checks every posted root: exit 0, as many roots checked as proposed, none mismatched;
//   - `optimist batch inspect` shows each L2 block 1..safe in exactly one channel (no batch
//     posted twice) and no duplicate frames;
//   - a corrupted batch, a truncated frame and a batch from an unauthorized key, posted raw to
//     the inbox, are rejected by derivation with their reasons, and the verifier goes on.
//
// Run: node tests/e2e/rollup_e2e.mjs --sequencer PATH --l1-bin PATH --verifier PATH --cli PATH
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ethers } from './lib/deps.mjs';
import { devKeys, GWEI, signTx } from './lib/chain.mjs';
import { sequencerPath } from './lib/node.mjs';
import { signTransfers } from './lib/send.mjs';
import { rpc, waitFor } from './lib/rpc.mjs';
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

const L1_CHAIN_ID = 900n;
const TOTAL = 1000;
const SENDERS = 10;
const WINDOW = 4; // L1 blocks of challenge window
const L1_ARGS = ['--block-time', '0.5', '--challenge-window', String(WINDOW), '--log-level', 'warn'];
const L2_ARGS = ['--block-time', '0.5'];

const procs = [];
after(async () => {
  for (const p of procs.reverse()) {
    await p.kill9();
    p.cleanup();
  }
});

// Frame bytes as docs/protocol.md lays them out: id(16) ‖ number(u16) ‖ length(u32) ‖ data ‖ is_last.
function frame(idByte, number, dataLike, isLast, declaredLength = null) {
  const data = ethers.getBytes(dataLike);
  declaredLength ??= data.length;
  const header = new Uint8Array(22);
  header.fill(idByte, 0, 16);
  new DataView(header.buffer).setUint16(16, number);
  new DataView(header.buffer).setUint32(18, declaredLength);
  return ethers.concat([header, data, isLast === null ? '0x' : Uint8Array.of(isLast ? 1 : 0)]);
}

// Signs and sends an L1 transaction to the inbox carrying `payload`; returns its hash.
async function postToInbox(l1Url, key, inbox, payload) {
  const nonce = Number(await rpc(l1Url, 'eth_getTransactionCount', [key.address, 'pending']));
  const bytes = ethers.getBytes(payload);
  const gas = 21000 + bytes.reduce((g, b) => g + (b === 0 ? 4 : 16), 0);
  const { raw, hash } = signTx(key.signingKey, {
    chainId: L1_CHAIN_ID,
    nonce,
    to: inbox,
    data: payload,
    gasLimit: BigInt(gas),
    maxFeePerGas: 10n * GWEI,
    maxPriorityFeePerGas: GWEI,
  });
  assert.equal(await rpc(l1Url, 'eth_sendRawTransaction', [raw]), hash);
  return hash;
}

test('1,000 transfers become safe and final; the verifier reproduces every root from L1', { timeout: 85_000 }, async () => {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const l1 = await startL1({ args: L1_ARGS });
  procs.push(l1);
  const seq = await startRollupSequencer({ binary: sequencerPath(), l1Url: l1.url, args: L2_ARGS });
  procs.push(seq);

  const stream = signTransfers({ total: TOTAL, senders: SENDERS, tag: 'rollup', recipients: 37 });
  await sendAll(seq.url, stream);
  const receipts = await waitFor(
    'receipts of all transfers',
    async () => {
      const all = await batched(seq.url, 'eth_getTransactionReceipt', stream.map((t) => [t.hash]));
      return all.every((r) => r !== null) ? all : null;
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  assert.ok(receipts.every((r) => r.status === '0x1'), 'every transfer succeeded');
  const lastTxBlock = Math.max(...receipts.map((r) => Number(r.blockNumber)));
  console.log(`# ${TOTAL} transfers in blocks up to ${lastTxBlock} (${elapsed()})`);

  // Safe: the batch carrying the last transfer's block is on L1.
  const safe = await waitFor(
    `safe_l2 >= ${lastTxBlock}`,
    async () => {
      const s = await syncStatus(seq.url);
      return s.safe_l2 && s.safe_l2.number >= lastTxBlock ? s : null;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  assert.ok(safe.finalized_l2.number <= safe.safe_l2.number, 'finalized never runs ahead of safe');
  assert.ok(safe.safe_l2.number <= safe.unsafe_l2.number, 'safe never runs ahead of unsafe');
  const safeBlock = await rpc(seq.url, 'eth_getBlockByNumber', ['safe', false]);
  assert.ok(Number(safeBlock.number) >= lastTxBlock, 'the "safe" block tag follows safe_l2');
  console.log(`# safe_l2 ${safe.safe_l2.number}, finalized_l2 ${safe.finalized_l2.number} (${elapsed()})`);

  // Finalized: the root of the last transfer's block passed the challenge window.
  const finalized = await waitFor(
    `finalized_l2 >= ${lastTxBlock}`,
    async () => {
      const s = await syncStatus(seq.url);
      return s.finalized_l2 && s.finalized_l2.number >= lastTxBlock ? s : null;
    },
    { timeoutMs: 30_000, intervalMs: 100 },
  );
  assert.ok(finalized.finalized_l2.number > safe.finalized_l2.number, 'finalized_l2 advanced');
  const atFinal = await rpc(seq.url, 'optimist_outputAtBlock', [ethers.toQuantity(lastTxBlock)]);
  assert.equal(atFinal.l1Status, 'finalized');
  assert.equal(atFinal.proposal?.matches, true, 'the posted root of the last transfer block is the node\'s');
  console.log(`# finalized_l2 ${finalized.finalized_l2.number} at L1 block ${finalized.head_l1.number} (${elapsed()})`);

  // `optimist roots`: every proposal matches the node's root; finalized ones are past the window.
  const { doc: roots } = await cliJson(['roots', '--l1', l1.url, '--rpc', seq.url]);
  assert.equal(roots.l2Reachable, true);
  assert.ok(roots.proposals.length >= lastTxBlock, 'a proposal per block (output interval 1)');
  assert.equal(roots.summary.mismatched, 0);
  roots.proposals.forEach((p, k) => {
    assert.equal(p.index, k);
    assert.equal(p.matches, true, `proposal ${k} (L2 block ${p.l2Block}) matches the node`);
    if (k > 0) assert.ok(p.l2Block > roots.proposals[k - 1].l2Block, 'L2 blocks increase');
  });
  const finalizedRoots = roots.proposals.filter((p) => p.status === 'finalized');
  assert.ok(finalizedRoots.some((p) => p.l2Block >= lastTxBlock), 'roots shows the final root');

  // Freeze the L1 side: stop the sequencer, let its last transactions be mined.
  assert.equal((await seq.stop()).code, 0, 'the sequencer stops cleanly');
  const l1Head = Number(await rpc(l1.url, 'eth_blockNumber', []));
  await waitFor('two more L1 blocks', async () => Number(await rpc(l1.url, 'eth_blockNumber', [])) >= l1Head + 2, {
    intervalMs: 100,
  });

  // Three bad inbox entries: unauthorized sender, truncated frame, corrupted channel.
  const config = await rpc(l1.url, 'optimist_l1Config', []);
  const keys = devKeys(10);
  const version = Uint8Array.of(0);
  const bad = {
    unauthorized: await postToInbox(l1.url, keys[0], config.batchInbox, ethers.concat([version, frame(0xaa, 0, '0x01020304', true)])),
    // The frame declares 255 data bytes and carries 10.
    truncated: await postToInbox(l1.url, keys[8], config.batchInbox, ethers.concat([version, frame(0xbb, 0, new Uint8Array(10).fill(7), null, 255)])),
    // A complete channel whose brotli stream is garbage.
    corrupted: await postToInbox(l1.url, keys[8], config.batchInbox, ethers.concat([version, frame(0xcc, 0, ethers.concat([Uint8Array.of(3), ethers.randomBytes(64)]), true)])),
  };
  await waitFor('the bad entries to be mined', async () => {
    const r = await Promise.all(Object.values(bad).map((h) => rpc(l1.url, 'eth_getTransactionReceipt', [h])));
    return r.every((x) => x !== null);
  }, { intervalMs: 100 });

  // The verifier, from L1 alone, on a fresh datadir.
  const proposals = await l1Outputs(l1.url);
  const v = await verifyOnce(l1.url);
  console.log(`# verifier: ${v.stdout.trim()} (${elapsed()})`);
  assert.equal(v.code, 0, `optimist-verifier --once exit code\n${v.stderr}`);
  assert.equal(v.mismatched, 0);
  assert.equal(v.checked, proposals.length, 'every proposal was checked');
  assert.ok(v.derived >= lastTxBlock);
  assert.equal(v.rejected, 3, `the three bad entries, and only they, are rejected\n${v.stderr}`);

  // `optimist batch inspect`: each block in exactly one channel, the bad entries rejected.
  const { doc: inspect } = await cliJson(['batch', 'inspect', '--l1', l1.url]);
  const postedUpTo = Math.max(...inspect.channels.filter((c) => c.ok).map((c) => c.lastBlock));
  assert.ok(postedUpTo >= safe.safe_l2.number);
  assert.deepEqual(coverageProblems(inspect, postedUpTo), [], 'every L2 block in exactly one channel');
  assert.equal(inspect.summary.duplicateFrames, 0, 'no frame posted twice');
  assert.equal(inspect.summary.transactions, TOTAL, 'the channels carry exactly the transfers');
  const entry = (hash) => inspect.entries.find((e) => e.txHash === hash);
  assert.equal(entry(bad.unauthorized).authorized, false);
  assert.match(entry(bad.unauthorized).rejections.join('; '), /not the authorized batcher/);
  assert.match(entry(bad.truncated).rejections.join('; '), /malformed payload.*truncated frame data/);
  assert.match(entry(bad.corrupted).rejections.join('; '), /decompression_failed|brotli|corrupt/);
  assert.equal(inspect.rejections.length, 3, JSON.stringify(inspect.rejections));
  for (const r of inspect.rejections) console.log(`# rejected: ${r.reason}`);
  const withTxs = inspect.channels.filter((c) => c.ok && c.transactions > 0);
  const ratios = withTxs.map((c) => c.ratio);
  console.log(
    `# batch inspect: ${inspect.summary.channels} channels, ${inspect.summary.blocks} blocks, ` +
      `${inspect.summary.transactions} txs; ratio of channels with transactions ` +
      `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}x (${elapsed()})`,
  );
});
