// Sequencer throughput over JSON-RPC: how fast signed transfers sent with
// eth_sendRawTransaction end up in blocks, on optimist-sequencer and, as a reference, on
// anvil (automine) under the same load, in one run.
//
// Load: N pre-signed EIP-1559 transfers from the 10 dev accounts (nonces in order, senders
// interleaved), each to a distinct fresh address. Signing happens before the clock starts,
// once per chain id (anvil 31337, optimist 901). Two ways of sending:
//   single: one transaction per HTTP request, K requests in flight (K <= 10);
//   batch:  JSON-RPC batches of B transactions of one sender, W batches in flight.
// Each sender's nonces are sent in order (see bySender).
// The clock runs from the first send to the moment every transaction is in a block (all
// senders' latest nonces reach their count; receipts are checked afterwards, untimed).
// Every run gets a fresh node, so each starts from genesis.
//
// Usage (from the repository root, after `npm ci --ignore-scripts`):
//   node bench/rpc_throughput.mjs --sequencer build/tools/sequencer/optimist-sequencer \
//        [--txs 5000] [--in-flight 10] [--batch-size 100] [--batches-in-flight 2] \
//        [--modes single,batch] [--targets anvil,optimist-bt0,optimist-bt1] [--json]
// --json prints one JSON document on stdout (the table goes to stderr).
import os from 'node:os';
import { anvilPath } from '../tests/e2e/lib/deps.mjs';
import { devKeys, freshAddress, GWEI, signTx } from '../tests/e2e/lib/chain.mjs';
import { argValue, sequencerPath, startAnvil, startNode } from '../tests/e2e/lib/node.mjs';
import { post, rpcBatch, rpcCall, sleep } from '../tests/e2e/lib/rpc.mjs';

const TXS = Number(argValue('--txs', '5000'));
const IN_FLIGHT = Number(argValue('--in-flight', '10'));
const BATCH_SIZE = Number(argValue('--batch-size', '100'));
const BATCHES_IN_FLIGHT = Number(argValue('--batches-in-flight', '2'));
const MODES = argValue('--modes', 'single,batch').split(',');
const TARGETS = argValue('--targets', 'anvil,optimist-bt0,optimist-bt1').split(',');
const JSON_OUT = process.argv.includes('--json');
const SENDERS = 10;

// Human-readable output goes to stderr when --json owns stdout.
const log = (line) => (JSON_OUT ? process.stderr : process.stdout).write(line + '\n');

// The pool limits of optimist (64 per sender, nonce gap 64) would otherwise make the client
// wait for blocks; anvil has no such limits. Raised so both nodes see the same load; the
// sender still retries on a limit error, and counts the retries.
const POOL_ARGS = ['--mempool.max-per-sender', String(TXS), '--mempool.max-nonce-gap', String(TXS)];
// Logging off the hot path on both nodes: anvil -q, optimist warnings only.
const TARGET_DEFS = {
  anvil: { chainId: 31337n, start: () => startAnvil({ binary: anvilPath() }), describe: 'anvil 1.7.1, automine' },
  'optimist-bt0': {
    chainId: 901n,
    start: () => startNode({ binary: sequencerPath(), args: ['--block-time', '0', '--log-level', 'warn', ...POOL_ARGS] }),
    describe: 'optimist-sequencer --block-time 0 (a block as soon as transactions arrive)',
  },
  'optimist-bt1': {
    chainId: 901n,
    start: () => startNode({ binary: sequencerPath(), args: ['--block-time', '1', '--log-level', 'warn', ...POOL_ARGS] }),
    describe: 'optimist-sequencer --block-time 1',
  },
};

const RETRYABLE = /account limit exceeded|txpool is full|nonce too (high|far)/;

// Signs the load for one chain id (cached: both optimist targets reuse it).
const signed = new Map();
function load(chainId) {
  if (signed.has(chainId)) return signed.get(chainId);
  const keys = devKeys(SENDERS);
  const txs = [];
  for (let i = 0; i < TXS; i++) {
    const { raw, hash } = signTx(keys[i % SENDERS].signingKey, {
      chainId,
      nonce: Math.floor(i / SENDERS),
      to: freshAddress('bench', i),
      value: 1n,
      gasLimit: 21000n,
      maxFeePerGas: 10n * GWEI,
      maxPriorityFeePerGas: GWEI,
    });
    txs.push({ raw, hash });
  }
  const result = { txs, senders: keys.map((k) => k.address) };
  signed.set(chainId, result);
  return result;
}

// Resolves once every sender's latest nonce reached its transaction count: then every
// transaction is in a block. One batch of 10 eth_getTransactionCount per poll (every 50 ms)
// keeps the observer's load on the node small.
async function waitIncluded(url, senders, perSender, deadlineMs) {
  const calls = senders.map((a) => ['eth_getTransactionCount', [a, 'latest']]);
  for (;;) {
    const answers = await rpcBatch(url, calls);
    if (answers.every((a) => a?.result !== undefined && Number(a.result) >= perSender)) return performance.now();
    if (performance.now() > deadlineMs) {
      const nonces = answers.map((a) => (a?.result === undefined ? JSON.stringify(a?.error) : Number(a.result)));
      throw new Error(`timed out waiting for inclusion; sender nonces ${nonces.join(' ')}, want ${perSender}`);
    }
    await sleep(50);
  }
}

// Each sender's transactions go out strictly in nonce order: a node that receives nonce n+1
// before n must queue it, and anvil's automine does not mine a queued transaction when the
// gap is filled later, so out-of-order sending could leave transactions waiting forever.
// Hence the in-flight requests are spread over senders, each sender's stream sequential.
function bySender(txs) {
  const streams = Array.from({ length: SENDERS }, () => []);
  txs.forEach((tx, i) => streams[i % SENDERS].push(tx));
  return streams;
}

// single: IN_FLIGHT workers (at most one per sender), each sending its senders' transactions
// one request at a time, round-robin over its senders.
async function sendSingle(url, txs) {
  const streams = bySender(txs);
  let retries = 0;
  let sent = 0;
  async function worker(w) {
    const mine = streams.filter((_, s) => s % IN_FLIGHT === w);
    const perSender = mine[0]?.length ?? 0;
    for (let n = 0; n < perSender; n++) {
      for (const stream of mine) {
        for (;;) {
          const answer = await rpcCall(url, 'eth_sendRawTransaction', [stream[n].raw]);
          if (answer.result !== undefined) {
            sent += 1;
            break;
          }
          if (!RETRYABLE.test(answer.error.message)) throw new Error(`rejected: ${answer.error.message}`);
          retries += 1;
          await sleep(5);
        }
      }
    }
  }
  const progress = process.env.BENCH_PROGRESS ? setInterval(() => log(`#   sent ${sent}`), 2000) : null;
  await Promise.all(Array.from({ length: IN_FLIGHT }, (_, w) => worker(w)));
  if (progress) clearInterval(progress);
  return retries;
}

// batch: each batch holds BATCH_SIZE consecutive nonces of one sender; BATCHES_IN_FLIGHT
// workers each own some senders and send their batches in nonce order.
async function sendBatches(url, txs) {
  const streams = bySender(txs);
  let retries = 0;
  async function worker(w) {
    const mine = streams.filter((_, s) => s % BATCHES_IN_FLIGHT === w);
    const perSender = mine[0]?.length ?? 0;
    for (let k = 0; k < perSender; k += BATCH_SIZE) {
      for (const stream of mine) {
        let batch = stream.slice(k, k + BATCH_SIZE);
        while (batch.length) {
          const body = batch.map((tx, j) => ({ jsonrpc: '2.0', id: j, method: 'eth_sendRawTransaction', params: [tx.raw] }));
          const { json } = await post(url, body);
          if (!Array.isArray(json)) throw new Error(`batch answer is not an array: ${JSON.stringify(json).slice(0, 200)}`);
          const failed = [];
          for (const answer of json) {
            if (answer.result !== undefined) continue;
            if (!RETRYABLE.test(answer.error.message)) throw new Error(`rejected: ${answer.error.message}`);
            failed.push(batch[answer.id]);
          }
          retries += failed.length;
          batch = failed;
          if (batch.length) await sleep(5);
        }
      }
    }
  }
  await Promise.all(Array.from({ length: BATCHES_IN_FLIGHT }, (_, w) => worker(w)));
  return retries;
}

// Untimed check that the run did what it claims: every receipt present with status 1.
// Returns the number of distinct blocks the load went into.
async function verify(url, txs) {
  const blocks = new Set();
  for (let k = 0; k < txs.length; k += 200) {
    const calls = txs.slice(k, k + 200).map((t) => ['eth_getTransactionReceipt', [t.hash]]);
    const answers = await rpcBatch(url, calls);
    answers.forEach((a, j) => {
      if (!a?.result) throw new Error(`no receipt for ${txs[k + j].hash}`);
      if (a.result.status !== '0x1') throw new Error(`tx ${txs[k + j].hash} failed`);
      blocks.add(a.result.blockNumber);
    });
  }
  return blocks.size;
}

async function run(targetName, mode) {
  const def = TARGET_DEFS[targetName];
  if (!def) throw new Error(`unknown target ${targetName} (known: ${Object.keys(TARGET_DEFS).join(', ')})`);
  const { txs, senders } = load(def.chainId);
  const node = await def.start();
  try {
    if (BigInt(node.chainId) !== def.chainId) throw new Error(`${targetName}: chain id ${node.chainId}, expected ${def.chainId}`);
    const t0 = performance.now();
    const retries = mode === 'batch' ? await sendBatches(node.url, txs) : await sendSingle(node.url, txs);
    const tSent = performance.now();
    // Polled only once everything is sent, so the observer does not compete with the load.
    const tDone = await waitIncluded(node.url, senders, TXS / SENDERS, tSent + 300_000);
    const blocks = await verify(node.url, txs);
    const seconds = (tDone - t0) / 1000;
    return {
      target: targetName,
      describe: def.describe,
      mode,
      txs: TXS,
      submitSeconds: +((tSent - t0) / 1000).toFixed(3),
      totalSeconds: +seconds.toFixed(3),
      txPerSecond: +(TXS / seconds).toFixed(1),
      submitTxPerSecond: +(TXS / ((tSent - t0) / 1000)).toFixed(1),
      blocks,
      retries,
    };
  } finally {
    await node.stop();
    node.cleanup();
  }
}

async function main() {
  if (TXS % SENDERS !== 0) throw new Error(`--txs must be a multiple of ${SENDERS}`);
  if (IN_FLIGHT < 1 || IN_FLIGHT > SENDERS) throw new Error(`--in-flight must be 1..${SENDERS} (one stream per sender)`);
  if (BATCHES_IN_FLIGHT < 1 || BATCHES_IN_FLIGHT > SENDERS) throw new Error(`--batches-in-flight must be 1..${SENDERS}`);
  log(`# ${TXS} transfers from ${SENDERS} senders to distinct fresh addresses; single: ${IN_FLIGHT} in flight; ` +
      `batch: ${BATCH_SIZE} per batch, ${BATCHES_IN_FLIGHT} in flight`);
  log(`# machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, node ${process.version}`);
  const t = performance.now();
  for (const chainId of new Set(TARGETS.map((name) => TARGET_DEFS[name]?.chainId).filter(Boolean))) load(chainId);
  log(`# signed in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed)`);

  const results = [];
  log('');
  log(`${'target'.padEnd(14)} ${'mode'.padEnd(7)} ${'tx/s'.padStart(8)} ${'total s'.padStart(8)} ${'submit s'.padStart(9)} ${'blocks'.padStart(7)} ${'retries'.padStart(8)}`);
  for (const mode of MODES) {
    for (const target of TARGETS) {
      const r = await run(target, mode);
      results.push(r);
      log(`${r.target.padEnd(14)} ${r.mode.padEnd(7)} ${r.txPerSecond.toFixed(0).padStart(8)} ${r.totalSeconds.toFixed(2).padStart(8)} ${r.submitSeconds.toFixed(2).padStart(9)} ${String(r.blocks).padStart(7)} ${String(r.retries).padStart(8)}`);
    }
  }

  // Each optimist run against anvil in the same mode.
  const ratios = [];
  for (const r of results) {
    const reference = results.find((x) => x.target === 'anvil' && x.mode === r.mode);
    if (!reference || r.target === 'anvil') continue;
    ratios.push({ target: r.target, mode: r.mode, vsAnvil: +(r.txPerSecond / reference.txPerSecond).toFixed(2) });
  }
  log('');
  for (const q of ratios) log(`${q.target} / anvil (${q.mode}): ${q.vsAnvil.toFixed(2)}x`);
  log(`# load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  if (JSON_OUT) {
    const doc = {
      benchmark: 'rpc_throughput',
      config: { txs: TXS, senders: SENDERS, inFlight: IN_FLIGHT, batchSize: BATCH_SIZE, batchesInFlight: BATCHES_IN_FLIGHT },
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model.trim(), node: process.version, loadavg: os.loadavg() },
      results,
      ratios,
    };
    process.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
