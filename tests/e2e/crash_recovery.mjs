// Crash recovery: kill -9 the sequencer in the middle of a stream of transactions, restart it
// on the same datadir, and check DESIGN decision 6 from the outside:
//   - every transaction whose hash the node returned is in a block or pending again;
//   - once everything is included, balances add up to the wei: each sender paid
//     value + gasUsed * effectiveGasPrice per transaction, each recipient got its values,
//     the fee recipient got exactly the priority fees, the base fee was burned, and the
//     total supply is conserved;
//   - the chain is intact: numbers and parent hashes link from genesis to the head, blocks
//     seen before the crash are unchanged, and the head's state root is served (a state
//     proof against it checks).
//
// Run: node tests/e2e/crash_recovery.mjs --sequencer build/tools/sequencer/optimist-sequencer
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ethers } from './lib/deps.mjs';
import { DEV_BALANCE, devKeys, freshAddress, GWEI, signTx } from './lib/chain.mjs';
import { checkAccountProof } from './lib/mpt.mjs';
import { startNode } from './lib/node.mjs';
import { rpc, sleep, waitFor } from './lib/rpc.mjs';
import { batched, sendAll } from './lib/send.mjs';

const CHAIN_ID = 901n;
const TOTAL = 1000; // transactions in the stream
const SENDERS = 10; // all dev accounts
const RECIPIENTS = 50;
const IN_FLIGHT = 8; // concurrent eth_sendRawTransaction requests
// Kill after this many acknowledgements (varied a little per run, so that over many runs the
// kill lands at different points of block production).
const KILL_AFTER = 300 + Math.floor(Math.random() * 100);
const NODE_ARGS = ['--block-time', '0.2'];
const FEE_RECIPIENT = '0x4200000000000000000000000000000000000011';

const nodes = [];
after(async () => {
  for (const n of nodes.reverse()) {
    await n.kill9();
    n.cleanup();
  }
});

// The whole stream, signed offline before the node starts: transaction i is sender i % 10's
// nonce floor(i / 10), so each sender's nonces go out in order, interleaved across senders.
// A third are legacy (effective price = gasPrice), the rest EIP-1559 with varied tips, so the
// fee recipient's share differs per transaction.
function signStream() {
  const keys = devKeys(SENDERS);
  const stream = [];
  for (let i = 0; i < TOTAL; i++) {
    const sender = keys[i % SENDERS];
    const fields = {
      chainId: CHAIN_ID,
      nonce: Math.floor(i / SENDERS),
      to: freshAddress('crash', i % RECIPIENTS),
      value: 10n ** 12n + BigInt(i),
      gasLimit: 21000n,
    };
    if (i % 3 === 0) Object.assign(fields, { type: 0, gasPrice: 2n * GWEI });
    else Object.assign(fields, { maxFeePerGas: 5n * GWEI, maxPriorityFeePerGas: BigInt(1 + (i % 7)) * 10n ** 8n });
    const { raw, hash } = signTx(sender.signingKey, fields);
    stream.push({ i, raw, hash, from: sender.address, to: fields.to, value: fields.value, state: 'unsent' });
  }
  return stream;
}

test('kill -9 mid-stream, restart, nothing acknowledged is lost, balances add up', { timeout: 55_000 }, async () => {
  const started = Date.now();
  const stream = signStream();
  const first = await startNode({ args: NODE_ARGS });
  nodes.push(first);
  const datadir = first.datadir;

  // Record block hashes seen before the crash: a restart must not rewrite them.
  const seenBeforeCrash = new Map();
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      try {
        const block = await rpc(first.url, 'eth_getBlockByNumber', ['latest', false]);
        seenBeforeCrash.set(Number(block.number), block.hash);
      } catch {
        // the node was killed
      }
      await sleep(100);
    }
  })();

  // Phase 1: stream until KILL_AFTER acknowledgements, then kill -9 while the other
  // workers' requests are still in flight.
  let acked = 0;
  let killed = false;
  let killPromise = null;
  await sendAll(first.url, stream, {
    inFlight: IN_FLIGHT,
    shouldStop: () => killed,
    onAck: () => {
      acked += 1;
      if (acked === KILL_AFTER) {
        killed = true;
        killPromise = first.kill9();
      }
    },
  });
  await killPromise;
  watching = false;
  await watcher;
  const ackedBefore = stream.filter((t) => t.state === 'acked');
  const cutOff = stream.filter((t) => t.state === 'unknown' || t.state === 'inflight');
  for (const t of cutOff) t.wasCutOff = true;
  // Answers that were already on their way when the kill came count as acknowledged too.
  assert.ok(ackedBefore.length >= KILL_AFTER);
  console.log(
    `# kill -9 at the ${KILL_AFTER}th acknowledgement: ${ackedBefore.length} acknowledged in all, ` +
      `${cutOff.length} requests cut off; ` +
      `highest block seen ${Math.max(...seenBeforeCrash.keys())}`,
  );

  // Phase 2: restart on the same datadir.
  const second = await startNode({ datadir, args: NODE_ARGS });
  nodes.push(second);
  const url = second.url;

  // Every acknowledged transaction is in a block or pending. eth_getTransactionByHash
  // answers for both; one retry covers a block committing between its two lookups.
  const found = await batched(url, 'eth_getTransactionByHash', ackedBefore.map((t) => [t.hash]));
  let included = 0;
  let pending = 0;
  for (let k = 0; k < ackedBefore.length; k++) {
    let tx = found[k];
    if (tx === null) {
      await sleep(300);
      tx = await rpc(url, 'eth_getTransactionByHash', [ackedBefore[k].hash]);
    }
    assert.ok(tx, `acknowledged transaction ${ackedBefore[k].i} (${ackedBefore[k].hash}) was lost in the crash`);
    assert.equal(tx.hash, ackedBefore[k].hash);
    if (tx.blockNumber === null) pending += 1;
    else included += 1;
  }
  console.log(`# after restart: ${included} of the acknowledged were in blocks, ${pending} pending again`);

  // Blocks seen before the crash are unchanged (a committed block is never rewritten).
  const seen = [...seenBeforeCrash.entries()];
  const again = await batched(url, 'eth_getBlockByNumber', seen.map(([n]) => [ethers.toQuantity(n), false]));
  seen.forEach(([n, hash], k) => assert.equal(again[k]?.hash, hash, `block ${n} changed across the crash`));

  // Phase 3: the rest of the stream, including the cut-off ones (which may have made it in).
  const rest = stream.filter((t) => t.state !== 'acked');
  await sendAll(url, rest, { inFlight: IN_FLIGHT, tolerate: (t) => t.wasCutOff === true });
  // Wait until every transaction has a receipt.
  const receipts = await waitFor(
    'all 1000 receipts',
    async () => {
      const all = await batched(url, 'eth_getTransactionReceipt', stream.map((t) => [t.hash]));
      return all.every((r) => r !== null) ? all : null;
    },
    { timeoutMs: 30_000, intervalMs: 200 },
  );

  // ---- accounting ----
  const head = Number(await rpc(url, 'eth_blockNumber', []));
  const blocks = await batched(
    url,
    'eth_getBlockByNumber',
    Array.from({ length: head + 1 }, (_, n) => [ethers.toQuantity(n), false]),
  );
  const blockByNumber = new Map(blocks.map((b) => [Number(b.number), b]));
  const spent = new Map(); // sender -> value + fees
  const received = new Map(); // recipient -> values
  let priorityFees = 0n;
  const positions = new Set();
  stream.forEach((t, k) => {
    const r = receipts[k];
    assert.equal(r.status, '0x1', `tx ${t.i} succeeded`);
    assert.equal(BigInt(r.gasUsed), 21000n);
    assert.equal(r.from.toLowerCase(), t.from.toLowerCase());
    const block = blockByNumber.get(Number(r.blockNumber));
    assert.equal(r.blockHash, block.hash, `tx ${t.i}'s receipt names the canonical block`);
    assert.ok(block.transactions.includes(t.hash), `block ${Number(r.blockNumber)} lists tx ${t.i}`);
    const position = `${r.blockNumber}/${r.transactionIndex}`;
    assert.ok(!positions.has(position), `two receipts at ${position}`);
    positions.add(position);
    const gasUsed = BigInt(r.gasUsed);
    const price = BigInt(r.effectiveGasPrice);
    const baseFee = BigInt(block.baseFeePerGas);
    assert.ok(price >= baseFee, 'effective gas price covers the base fee');
    spent.set(t.from, (spent.get(t.from) ?? 0n) + t.value + gasUsed * price);
    received.set(t.to, (received.get(t.to) ?? 0n) + t.value);
    priorityFees += gasUsed * (price - baseFee);
  });
  assert.equal(blocks.reduce((sum, b) => sum + b.transactions.length, 0), TOTAL, 'blocks hold exactly the stream');

  // Burned: each block's gasUsed at its base fee (only this stream pays gas).
  let burned = 0n;
  for (const b of blocks.slice(1)) burned += BigInt(b.gasUsed) * BigInt(b.baseFeePerGas);
  const miners = new Set(blocks.slice(1).map((b) => b.miner.toLowerCase()));
  assert.deepEqual([...miners], [FEE_RECIPIENT], 'one fee recipient');

  const at = ethers.toQuantity(head);
  const balance = async (address) => BigInt(await rpc(url, 'eth_getBalance', [address, at]));
  let total = 0n;
  for (const [sender, amount] of spent) {
    const b = await balance(sender);
    assert.equal(b, DEV_BALANCE - amount, `sender ${sender}: initial - sum(value + gasUsed * effectiveGasPrice)`);
    assert.equal(Number(await rpc(url, 'eth_getTransactionCount', [sender, at])), TOTAL / SENDERS);
    total += b;
  }
  for (const [recipient, amount] of received) {
    const b = await balance(recipient);
    assert.equal(b, amount, `recipient ${recipient} holds the sum of its values`);
    total += b;
  }
  const feeRecipientStart = BigInt(await rpc(url, 'eth_getBalance', [FEE_RECIPIENT, '0x0']));
  const fees = (await balance(FEE_RECIPIENT)) - feeRecipientStart;
  assert.equal(fees, priorityFees, 'the fee recipient got exactly the priority fees');
  total += fees + burned;
  assert.equal(total, BigInt(SENDERS) * DEV_BALANCE, 'total ETH conserved (balances + fee recipient + burned)');

  // ---- chain integrity ----
  for (let n = 1; n <= head; n++) {
    const block = blockByNumber.get(n);
    assert.equal(block.parentHash, blockByNumber.get(n - 1).hash, `block ${n} links to its parent`);
    assert.ok(BigInt(block.timestamp) > BigInt(blockByNumber.get(n - 1).timestamp), `block ${n} timestamp increases`);
  }
  const headBlock = blockByNumber.get(head);
  const proof = await rpc(url, 'eth_getProof', [stream[0].from, [], at]);
  assert.equal(ethers.keccak256(proof.accountProof[0]), headBlock.stateRoot, 'the head state root is served');
  checkAccountProof(headBlock.stateRoot, stream[0].from, proof);

  // A clean stop and restart keeps the same chain.
  const status = await second.stop();
  assert.equal(status.code, 0, 'clean exit on SIGTERM');
  const third = await startNode({ datadir, args: NODE_ARGS });
  nodes.push(third);
  const same = await rpc(third.url, 'eth_getBlockByNumber', [at, false]);
  assert.equal(same.hash, headBlock.hash, 'the head survives a clean restart');
  console.log(`# ${TOTAL} transactions, ${head} blocks, ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
