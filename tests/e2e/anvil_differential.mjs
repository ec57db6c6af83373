// Differential test against anvil (the reference EVM): the same genesis allocations and the
// same workload transactions, on anvil and on optimist-sequencer, must give the same receipt
// for every transaction (status, gas used, logs, ...) and the same state afterwards (contract
// storage, code, balances and nonces).
//
//   1. `optimist workload` writes small workloads of every kind (setup + workload
//      transactions, signed for chain 901 by dev account 0 of the standard test mnemonic).
//      All run on one chain: each kind has its own seed (so its own workload accounts) and its
//      setup starts at the funder nonce where the previous one ended.
//   2. anvil --hardfork cancun (Optimist implements Cancun; later forks change gas, e.g.
//      EIP-7623's calldata floor) with Optimist's dev genesis rules: chain id 901, 30M gas,
//      1 gwei genesis base fee and the ten dev accounts with 10,000 ETH each (checked below).
//      optimist-sequencer runs its dev genesis with --block-time 0.
//   3. Every raw transaction goes to both, in file order, one at a time: each waits for its
//      receipt on both before the next is sent, so on both nodes block n holds exactly the
//      n-th transaction (checked). The blocks therefore have the same gas used and so, by
//      EIP-1559, the same base fee (checked; anvil's first block is set to the base fee the
//      rule gives, see below), which makes effective gas prices and hence account balances
//      comparable too. Timestamps differ, but no workload contract reads
//      block.timestamp, block.number or any other block field (contracts/*.sol).
//   4. Per transaction: the hash each node returns, status, gasUsed, cumulativeGasUsed,
//      effectiveGasPrice, contractAddress, from, to, type, logsBloom and the logs (address,
//      topics, data, in order), and the block's baseFeePerGas and gasUsed.
//   5. Afterwards, at "latest": eth_getCode of every contract; eth_getStorageAt of slots 0-7
//      of every contract and of the mapping entries keccak256(pad32(key) ‖ pad32(slot)),
//      slot 0-3 (docs/workloads.md gives each contract's layout), for every key that appears
//      as an indexed event argument of that contract or as the sender of a call to it, and
//      every contract address (token balances of holders and pairs, pair shares, NFT owners
//      by id and balances); eth_getBalance and eth_getTransactionCount of the dev accounts,
//      every sender and recipient, every address in an event and every contract. The fee
//      recipients (anvil's coinbase, Optimist's vault) differ by design and are skipped.
//
// A difference fails the test with the transaction's index, hash and the field; for a gas or
// status difference the first diverging step of the two nodes' debug_traceTransaction is
// reported too. The counts compared are asserted nonzero, so a test that compares nothing
// cannot pass.
//
// Run: node tests/e2e/anvil_differential.mjs --sequencer PATH --cli PATH [--anvil PATH]
//   (ctest: ctest --test-dir build -R anvil_differential --output-on-failure)
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { anvilPath, ethers } from './lib/deps.mjs';
import { DEV_BALANCE, devKeys } from './lib/chain.mjs';
import { argValue, makeTempDir, startAnvil, startNode } from './lib/node.mjs';
import { cliPath, run } from './lib/rollup.mjs';
import { batched } from './lib/send.mjs';
import { rpc, rpcCall, waitFor } from './lib/rpc.mjs';

const CHAIN_ID = 901;
const GAS_LIMIT = 30_000_000; // Optimist's dev genesis (include/optimist/sequencer/genesis.hpp)
const BASE_FEE = 1_000_000_000; // 1 gwei, ditto
const TIME_BUDGET_MS = 100_000; // the whole test; ctest's TIMEOUT (150 s) is the backstop

// Small but covering every kind and every setup step (deployments, Airdrop funding, mints,
// pair creation and liquidity). Each kind gets its own seed, hence its own workload accounts.
const WORKLOADS = [
  { kind: 'erc20', txs: 30, seed: 11, args: ['--hot', '0.3'] },
  { kind: 'amm', txs: 30, seed: 12, args: ['--pools', '4'] },
  { kind: 'nft', txs: 20, seed: 13, args: [] },
  { kind: 'hotslot', txs: 20, seed: 14, args: [] },
  { kind: 'transfers', txs: 20, seed: 15, args: [] },
  { kind: 'mainnet', txs: 40, seed: 16, args: ['--pools', '3'] },
];

const MAPPING_SLOTS = [0n, 1n, 2n, 3n]; // every mapping's base slot in contracts/*.sol
const PLAIN_SLOTS = 8;
const MAX_REPORTED = 25; // differences printed in full

const procs = [];
let workDir;
after(async () => {
  for (const p of procs.reverse()) {
    try {
      await p.stop();
    } catch {
      await p.kill9();
    }
    p.cleanup();
  }
  if (workDir && !process.env.OPTIMIST_E2E_KEEP) rmSync(workDir, { recursive: true, force: true });
});

// A long value (a bloom, log data) cut for a message.
const short = (v) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}...${v.slice(-16)} (${v.length} chars)` : v);
const lower = (v) => (typeof v === 'string' ? v.toLowerCase() : v);
const quantity = (v) => (v === null || v === undefined ? v : BigInt(v).toString());

// Writes every workload with `optimist workload`, chaining the funder's nonce; returns
// [{kind, setup, workload, lines: [{raw, hash, kind, part}]}].
async function generateWorkloads(dir) {
  const cli = cliPath();
  let funderNonce = 0;
  const out = [];
  for (const w of WORKLOADS) {
    const file = join(dir, `${w.kind}.txt`);
    const argv = ['workload', w.kind, '--txs', String(w.txs), '--seed', String(w.seed), ...w.args];
    argv.push('--chain-id', String(CHAIN_ID), '--funder-nonce', String(funderNonce), '--out', file);
    const { code, stderr } = await run(cli, argv);
    if (code !== 0) throw new Error(`optimist ${argv.join(' ')} exited ${code}: ${stderr}`);
    const text = readFileSync(file, 'utf8');
    const setup = Number(/^# (\d+) setup transactions$/m.exec(text)?.[1]);
    const raws = text.split('\n').filter((l) => l.startsWith('0x'));
    assert.ok(Number.isInteger(setup) && setup > 0, `${file} states its setup count`);
    assert.equal(raws.length, setup + w.txs, `${file}: setup + workload transactions`);
    const lines = raws.map((raw, k) => {
      const tx = ethers.Transaction.from(raw);
      assert.equal(Number(tx.chainId), CHAIN_ID);
      return { raw, hash: tx.hash, from: tx.from, to: tx.to, kind: w.kind, part: k < setup ? 'setup' : 'workload' };
    });
    out.push({ kind: w.kind, setup, workload: w.txs, lines });
    funderNonce += setup;
  }
  return out;
}

async function receiptOf(url, hash) {
  return await waitFor(`receipt of ${hash} at ${url}`, () => rpc(url, 'eth_getTransactionReceipt', [hash]), {
    timeoutMs: 15_000,
    intervalMs: 5,
  });
}

// The first step where two struct-logger traces differ (op, pc, depth, gas or gasCost), as
// a message; null when they agree step by step (then the difference is outside the EVM loop:
// intrinsic gas, refunds, ...).
function traceDivergence(a, b) {
  const sa = a.structLogs ?? [];
  const sb = b.structLogs ?? [];
  const n = Math.min(sa.length, sb.length);
  for (let k = 0; k < n; k++) {
    for (const field of ['pc', 'op', 'depth', 'gas', 'gasCost']) {
      if (String(sa[k][field]) !== String(sb[k][field])) {
        const show = (s) => `pc ${s.pc} ${s.op} depth ${s.depth} gas ${s.gas} gasCost ${s.gasCost}`;
        const prev = k > 0 ? `; previous step (same on both): ${show(sa[k - 1])}` : '';
        return `step ${k}: ${field} differs: optimist {${show(sa[k])}} vs anvil {${show(sb[k])}}${prev}`;
      }
    }
  }
  if (sa.length !== sb.length) return `traces agree for ${n} steps, then optimist has ${sa.length} steps, anvil ${sb.length}`;
  return `traces agree on all ${n} steps (total gas optimist ${a.gas} vs anvil ${b.gas}, failed ${a.failed} vs ${b.failed})`;
}

async function explainWithTraces(optimist, anvil, hash) {
  try {
    const [a, b] = await Promise.all([
      rpc(optimist.url, 'debug_traceTransaction', [hash, {}]),
      rpc(anvil.url, 'debug_traceTransaction', [hash, { enableMemory: false, disableStorage: true }]),
    ]);
    return traceDivergence(a, b);
  } catch (e) {
    return `(no trace: ${e.message})`;
  }
}

// Compares one receipt pair (and their blocks); returns the differing fields as messages.
function compareReceipt(ro, ra, bo, ba) {
  const diffs = [];
  const same = (field, x, y) => {
    if (x !== y) diffs.push(`${field}: optimist ${short(x)} vs anvil ${short(y)}`);
  };
  same('status', quantity(ro.status), quantity(ra.status));
  same('gasUsed', quantity(ro.gasUsed), quantity(ra.gasUsed));
  same('cumulativeGasUsed', quantity(ro.cumulativeGasUsed), quantity(ra.cumulativeGasUsed));
  same('effectiveGasPrice', quantity(ro.effectiveGasPrice), quantity(ra.effectiveGasPrice));
  same('type', quantity(ro.type), quantity(ra.type));
  same('contractAddress', lower(ro.contractAddress) ?? null, lower(ra.contractAddress) ?? null);
  same('from', lower(ro.from), lower(ra.from));
  same('to', lower(ro.to) ?? null, lower(ra.to) ?? null);
  same('logsBloom', lower(ro.logsBloom), lower(ra.logsBloom));
  same('transactionIndex', quantity(ro.transactionIndex), quantity(ra.transactionIndex));
  same('logs.length', ro.logs.length, ra.logs.length);
  for (let k = 0; k < Math.min(ro.logs.length, ra.logs.length); k++) {
    const lo = ro.logs[k];
    const la = ra.logs[k];
    same(`logs[${k}].address`, lower(lo.address), lower(la.address));
    same(`logs[${k}].topics`, lo.topics.map(lower).join(','), la.topics.map(lower).join(','));
    same(`logs[${k}].data`, lower(lo.data), lower(la.data));
  }
  // One transaction per block on both sides: the precondition for comparing base fees,
  // effective gas prices and balances.
  same('block transaction count', bo.transactions.length, ba.transactions.length);
  same('block gasUsed', quantity(bo.gasUsed), quantity(ba.gasUsed));
  same('block baseFeePerGas', quantity(bo.baseFeePerGas), quantity(ba.baseFeePerGas));
  return diffs;
}

// keccak256(pad32(key) ‖ pad32(slot)): a Solidity mapping entry.
const mappingSlot = (key, slot) => ethers.keccak256(ethers.concat([ethers.zeroPadValue(key, 32), ethers.toBeHex(slot, 32)]));

// A 32-byte event word that holds an address (12 zero bytes, then not a small number such
// as an NFT id).
function wordAsAddress(word) {
  if (!/^0x0{24}[0-9a-f]{40}$/i.test(word)) return null;
  if (BigInt(word) < 1n << 64n) return null;
  return ethers.getAddress('0x' + word.slice(26));
}

test('anvil and Optimist agree on every receipt and on the state afterwards', { timeout: TIME_BUDGET_MS }, async () => {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

  workDir = makeTempDir('optimist-differential-');
  const workloads = await generateWorkloads(workDir);
  const all = workloads.flatMap((w) => w.lines);

  const anvilBinary = argValue('--anvil', process.env.OPTIMIST_ANVIL ?? anvilPath());
  const [optimist, anvil] = await Promise.all([
    startNode({ args: ['--block-time', '0', '--log-level', 'warn'] }),
    startAnvil({
      binary: anvilBinary,
      args: [
        '--chain-id', String(CHAIN_ID),
        '--hardfork', 'cancun',
        '--gas-limit', String(GAS_LIMIT),
        '--base-fee', String(BASE_FEE),
        '--steps-tracing', // geth-style debug_traceTransaction, for explaining a difference
      ],
    }),
  ]);
  procs.push(optimist, anvil);
  console.log(`# ${all.length} transactions from ${workloads.length} workloads; nodes up at ${elapsed()}`);

  // ---- the same genesis ----
  const [genO, genA] = await Promise.all([optimist.url, anvil.url].map((u) => rpc(u, 'eth_getBlockByNumber', ['0x0', false])));
  assert.equal(optimist.chainId, CHAIN_ID);
  assert.equal(anvil.chainId, CHAIN_ID);
  assert.equal(Number(genO.gasLimit), GAS_LIMIT, 'Optimist genesis gas limit');
  assert.equal(Number(genA.gasLimit), GAS_LIMIT, 'anvil genesis gas limit');
  assert.equal(Number(genO.baseFeePerGas), BASE_FEE, 'Optimist genesis base fee');
  assert.equal(Number(genA.baseFeePerGas), BASE_FEE, 'anvil genesis base fee');
  // EIP-1559 derives block 1's base fee from the genesis block (gas used 0: 7/8 of 1 gwei), as
  // Optimist and geth do; anvil instead mines its first block at the --base-fee it was given.
  // Tell anvil the base fee its next block must have; from block 2 on both apply the rule to
  // identical parents.
  const block1BaseFee = BigInt(BASE_FEE) - BigInt(BASE_FEE) / 8n;
  await rpc(anvil.url, 'anvil_setNextBlockBaseFeePerGas', [ethers.toQuantity(block1BaseFee)]);
  const dev = devKeys(10).map((k) => k.address);
  for (const url of [optimist.url, anvil.url]) {
    const balances = await batched(url, 'eth_getBalance', dev.map((a) => [a, 'latest']));
    const nonces = await batched(url, 'eth_getTransactionCount', dev.map((a) => [a, 'latest']));
    dev.forEach((a, i) => {
      assert.equal(BigInt(balances[i]), DEV_BALANCE, `${url}: dev account ${i} (${a}) starts with 10,000 ETH`);
      assert.equal(BigInt(nonces[i]), 0n, `${url}: dev account ${i} starts at nonce 0`);
    });
  }

  // ---- the transactions, one at a time, compared as they are mined ----
  const differences = [];
  const receipts = []; // Optimist's, which equal anvil's in every compared field
  let logsCompared = 0;
  for (let i = 0; i < all.length; i++) {
    const t = all[i];
    const name = `tx ${i} (${t.kind} ${t.part}, ${t.hash})`;
    const [ao, aa] = await Promise.all([optimist.url, anvil.url].map((u) => rpcCall(u, 'eth_sendRawTransaction', [t.raw])));
    if (ao.error || aa.error) {
      // Both must accept; a rejection on one side only is a difference in itself.
      assert.fail(`${name}: eth_sendRawTransaction: optimist ${JSON.stringify(ao.error ?? ao.result)}, anvil ${JSON.stringify(aa.error ?? aa.result)}`);
    }
    assert.equal(lower(ao.result), t.hash, `${name}: hash returned by optimist`);
    assert.equal(lower(aa.result), t.hash, `${name}: hash returned by anvil`);
    const [ro, ra] = await Promise.all([receiptOf(optimist.url, t.hash), receiptOf(anvil.url, t.hash)]);
    const [bo, ba] = await Promise.all([
      rpc(optimist.url, 'eth_getBlockByHash', [ro.blockHash, false]),
      rpc(anvil.url, 'eth_getBlockByHash', [ra.blockHash, false]),
    ]);
    assert.equal(bo.transactions.length, 1, `${name}: Optimist's block ${Number(bo.number)} holds only this transaction`);
    const diffs = compareReceipt(ro, ra, bo, ba);
    if (diffs.length) {
      let detail = diffs.join('; ');
      if (diffs.some((d) => /^(status|gasUsed)/.test(d))) detail += `\n    trace: ${await explainWithTraces(optimist, anvil, t.hash)}`;
      differences.push(`${name}: ${detail}`);
    }
    receipts.push(ro);
    logsCompared += Math.min(ro.logs.length, ra.logs.length);
  }
  console.log(`# ${all.length} receipts and ${logsCompared} logs compared at ${elapsed()}`);

  // ---- the state afterwards ----
  const contracts = new Set();
  for (const r of receipts) {
    if (r.contractAddress) contracts.add(ethers.getAddress(r.contractAddress));
    for (const log of r.logs) contracts.add(ethers.getAddress(log.address)); // pairs made by the router
  }
  // Mapping keys per contract: indexed event arguments, the callers, and every contract.
  const keysOf = new Map([...contracts].map((c) => [c, new Set([...contracts].map((a) => ethers.zeroPadValue(a, 32).toLowerCase()))]));
  const accounts = new Set([...dev, ...contracts]);
  all.forEach((t, i) => {
    accounts.add(ethers.getAddress(t.from));
    if (t.to) accounts.add(ethers.getAddress(t.to));
    if (t.to && keysOf.has(ethers.getAddress(t.to))) keysOf.get(ethers.getAddress(t.to)).add(ethers.zeroPadValue(t.from, 32).toLowerCase());
    for (const log of receipts[i].logs) {
      const keys = keysOf.get(ethers.getAddress(log.address));
      for (const topic of log.topics.slice(1)) {
        keys.add(topic.toLowerCase());
        const address = wordAsAddress(topic);
        if (address) accounts.add(address);
      }
    }
  });
  // The fee recipients differ by design (Optimist's vault, anvil's coinbase): not compared.
  const lastO = await rpc(optimist.url, 'eth_getBlockByNumber', ['latest', false]);
  const lastA = await rpc(anvil.url, 'eth_getBlockByNumber', ['latest', false]);
  assert.equal(Number(lastO.number), all.length, 'Optimist mined one block per transaction');
  assert.equal(Number(lastA.number), all.length, 'anvil mined one block per transaction');
  for (const miner of [lastO.miner, lastA.miner]) accounts.delete(ethers.getAddress(miner));
  accounts.delete(ethers.ZeroAddress);

  const slots = []; // [contract, slot]
  for (const c of contracts) {
    for (let s = 0; s < PLAIN_SLOTS; s++) slots.push([c, ethers.toBeHex(s, 32)]);
    for (const key of keysOf.get(c)) for (const s of MAPPING_SLOTS) slots.push([c, mappingSlot(key, s)]);
  }
  const both = async (method, params) => Promise.all([optimist.url, anvil.url].map((u) => batched(u, method, params)));

  const [codeO, codeA] = await both('eth_getCode', [...contracts].map((c) => [c, 'latest']));
  [...contracts].forEach((c, k) => {
    if (codeO[k] === '0x') differences.push(`contract ${c}: no code on Optimist`);
    if (lower(codeO[k]) !== lower(codeA[k])) differences.push(`eth_getCode ${c}: optimist ${codeO[k].length / 2 - 1} bytes vs anvil ${codeA[k].length / 2 - 1} bytes, or different bytes`);
  });

  const [storeO, storeA] = await both('eth_getStorageAt', slots.map(([c, s]) => [c, s, 'latest']));
  let nonzeroSlots = 0;
  slots.forEach(([c, s], k) => {
    const x = BigInt(storeO[k]);
    const y = BigInt(storeA[k]);
    if (x !== y) differences.push(`eth_getStorageAt ${c} slot ${s}: optimist ${ethers.toBeHex(x, 32)} vs anvil ${ethers.toBeHex(y, 32)}`);
    if (x !== 0n) nonzeroSlots += 1;
  });

  const accountList = [...accounts];
  const [balO, balA] = await both('eth_getBalance', accountList.map((a) => [a, 'latest']));
  const [nonO, nonA] = await both('eth_getTransactionCount', accountList.map((a) => [a, 'latest']));
  let nonzeroBalances = 0;
  accountList.forEach((a, k) => {
    if (BigInt(balO[k]) !== BigInt(balA[k])) differences.push(`eth_getBalance ${a}: optimist ${BigInt(balO[k])} vs anvil ${BigInt(balA[k])}`);
    if (BigInt(nonO[k]) !== BigInt(nonA[k])) differences.push(`eth_getTransactionCount ${a}: optimist ${BigInt(nonO[k])} vs anvil ${BigInt(nonA[k])}`);
    if (BigInt(balO[k]) !== 0n) nonzeroBalances += 1;
  });

  // ---- summary and verdict ----
  for (const w of workloads) console.log(`#   ${w.kind}: ${w.setup} setup + ${w.workload} workload transactions compared`);
  console.log(
    `# state: ${contracts.size} contracts' code, ${slots.length} storage slots (${nonzeroSlots} nonzero), ` +
      `${accountList.length} accounts' balances (${nonzeroBalances} nonzero) and nonces compared; ` +
      `${differences.length} differences; ${elapsed()}`,
  );
  if (differences.length) {
    const shown = differences.slice(0, MAX_REPORTED).map((d) => `  ${d}`).join('\n');
    const more = differences.length > MAX_REPORTED ? `\n  ... and ${differences.length - MAX_REPORTED} more` : '';
    // The first difference is usually the cause: a changed balance or base fee propagates.
    assert.fail(`Optimist and anvil differ in ${differences.length} places (the first is usually the cause):\n${shown}${more}`);
  }

  // Self-check: the comparison had something to bite on.
  const workloadTxs = WORKLOADS.reduce((n, w) => n + w.txs, 0);
  assert.ok(receipts.length >= workloadTxs, 'every workload transaction was compared');
  assert.ok(receipts.filter((r) => r.contractAddress).length >= WORKLOADS.length, 'deployments were compared');
  assert.ok(logsCompared >= workloadTxs, `logs compared: ${logsCompared}`);
  assert.ok(contracts.size >= 10, `contracts compared: ${contracts.size}`);
  assert.ok(nonzeroSlots >= 200, `nonzero storage slots compared: ${nonzeroSlots}`);
  assert.ok(nonzeroBalances >= workloadTxs, `nonzero balances compared: ${nonzeroBalances}`);
});
