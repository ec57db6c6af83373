// Bad input over JSON-RPC: malformed HTTP and JSON, invalid requests and params, and
// transactions that break each admission rule. Every case must get its documented error
// (JSON-RPC code and geth's message, or the HTTP status), and the node must keep serving:
// after each case eth_blockNumber answers, and at the end a valid transaction is included.
//
// Run: node tests/e2e/bad_input.mjs --sequencer build/tools/sequencer/optimist-sequencer
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, afterEach, before, test } from 'node:test';
import { ethers } from './lib/deps.mjs';
import { compileContract, devKeys, GWEI, signTx } from './lib/chain.mjs';
import { startNode } from './lib/node.mjs';
import { post, rpc, rpcCall, waitFor } from './lib/rpc.mjs';

const CHAIN_ID = 901n;
const MAX_LOGS_RANGE = 4; // small, so that the range limit is reachable on a young chain
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

let node;
let url;
let keys;
let revertTarget; // {address, data}: a deployed Counter and a call that reverts

// A fee that every block accepts (the base fee starts at 1 gwei and only falls on an idle chain).
const FEES = { maxFeePerGas: 10n * GWEI, maxPriorityFeePerGas: GWEI };

const nonceOf = async (address, tag = 'latest') => Number(await rpc(url, 'eth_getTransactionCount', [address, tag]));

// A signed transfer from dev key `k`; `fields` override the defaults.
function transfer(k, fields = {}) {
  return signTx(keys[k].signingKey, {
    chainId: CHAIN_ID,
    to: keys[9].address,
    value: 1n,
    gasLimit: 21000n,
    ...FEES,
    ...fields,
  });
}

const sendRaw = (raw) => rpcCall(url, 'eth_sendRawTransaction', [raw]);

// Asserts a JSON-RPC error answer with `code` and a message matching `message`.
function expectError(answer, code, message) {
  assert.ok(answer?.error, `expected error ${code}, got ${JSON.stringify(answer)?.slice(0, 300)}`);
  assert.equal(answer.error.code, code, `error code for "${answer.error.message}"`);
  if (message) assert.match(answer.error.message, message);
  assert.equal(answer.jsonrpc, '2.0');
}

// Re-encodes a signed EIP-1559 transaction with some RLP fields replaced (the signature
// fields are 9: yParity, 10: r, 11: s). Used to forge invalid signatures.
function tamperType2(raw, replace) {
  const fields = ethers.decodeRlp(ethers.dataSlice(raw, 1));
  for (const [index, value] of Object.entries(replace)) fields[index] = value;
  return ethers.concat(['0x02', ethers.encodeRlp(fields)]);
}
const rlpInt = (v) => (v === 0n ? '0x' : ethers.toBeHex(v));

// Signs an EIP-1559 transaction by hand (RLP and all), for field combinations ethers refuses
// to serialize, such as a priority fee above the max fee.
function signType2ByHand(signingKey, { chainId, nonce, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value }) {
  const unsigned = [rlpInt(chainId), rlpInt(BigInt(nonce)), rlpInt(maxPriorityFeePerGas), rlpInt(maxFeePerGas), rlpInt(gasLimit), to, rlpInt(value), '0x', []];
  const sig = signingKey.sign(ethers.keccak256(ethers.concat(['0x02', ethers.encodeRlp(unsigned)])));
  return ethers.concat(['0x02', ethers.encodeRlp([...unsigned, rlpInt(BigInt(sig.yParity)), rlpInt(BigInt(sig.r)), rlpInt(BigInt(sig.s))])]);
}

before(async () => {
  let compiled;
  [node, compiled] = await Promise.all([
    startNode({ args: ['--block-time', '0', '--rpc.max-logs-range', String(MAX_LOGS_RANGE)] }),
    compileContract('Counter'),
  ]);
  url = node.url;
  keys = devKeys(10);

  // Deploy a Counter (for eth_call reverts) and mine a few blocks, so that "nonce too low"
  // and the logs range limit have something to bite on.
  const deploy = signTx(keys[0].signingKey, { chainId: CHAIN_ID, nonce: 0, gasLimit: 1_000_000n, data: compiled.bytecode, ...FEES });
  await rpc(url, 'eth_sendRawTransaction', [deploy.raw]);
  for (let nonce = 1; nonce <= MAX_LOGS_RANGE + 1; nonce++) await rpc(url, 'eth_sendRawTransaction', [transfer(0, { nonce }).raw]);
  await waitFor('the setup transactions', async () => (await nonceOf(keys[0].address)) === MAX_LOGS_RANGE + 2);
  const receipt = await rpc(url, 'eth_getTransactionReceipt', [deploy.hash]);
  assert.equal(receipt.status, '0x1');
  const iface = new ethers.Interface(compiled.abi);
  revertTarget = { address: receipt.contractAddress, data: iface.encodeFunctionData('add', [1000]) };
});

// The node must survive every case: still running, still answering.
afterEach(async () => {
  assert.ok(node.running, `the node exited:\n${node.stderrTail()}`);
  assert.match(await rpc(url, 'eth_blockNumber', []), /^0x[0-9a-f]+$/);
});

after(async () => {
  if (!node) return;
  const status = await node.stop();
  node.cleanup();
  assert.equal(status?.code, 0, `clean exit on SIGTERM, got ${JSON.stringify(status)}`);
});

// ---- HTTP and JSON framing ----

test('invalid JSON: -32700 parse error', async () => {
  const { status, json } = await post(url, '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"');
  assert.equal(status, 200);
  expectError(json, -32700);
  assert.equal(json.id, null);
});

test('unknown method: -32601', async () => {
  expectError(await rpcCall(url, 'eth_noSuchMethod', []), -32601, /eth_noSuchMethod.*does not exist/);
});

test('wrong jsonrpc version: -32600', async () => {
  const { json } = await post(url, { jsonrpc: '1.0', id: 7, method: 'eth_chainId', params: [] });
  expectError(json, -32600);
  assert.equal(json.id, 7);
});

test('missing method member: -32600', async () => {
  const { json } = await post(url, { jsonrpc: '2.0', id: 8, params: [] });
  expectError(json, -32600);
});

test('params neither array nor object: -32602', async () => {
  const { json } = await post(url, { jsonrpc: '2.0', id: 9, method: 'eth_getBalance', params: 'latest' });
  expectError(json, -32602);
});

test('empty batch: -32600 "empty batch"', async () => {
  const { json } = await post(url, '[]');
  expectError(json, -32600, /empty batch/);
});

test('batch larger than --rpc.max-batch (1000): -32600', async () => {
  const batch = Array.from({ length: 1001 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'eth_chainId', params: [] }));
  const { json } = await post(url, batch);
  expectError(json, -32600, /batch too large/);
  // The limit itself is fine.
  const ok = await post(url, batch.slice(0, 1000));
  assert.equal(ok.json.length, 1000);
  assert.ok(ok.json.every((a) => a.result === '0x385'));
});

test('batch with invalid members: each gets its own error, valid ones are answered', async () => {
  const { json } = await post(url, [1, { jsonrpc: '2.0', id: 2, method: 'eth_chainId' }, { id: 3, method: 'eth_chainId' }]);
  assert.equal(json.length, 3);
  expectError(json.find((a) => a.id === null), -32600);
  assert.equal(json.find((a) => a.id === 2).result, '0x385');
  expectError(json.find((a) => a.id === 3), -32600);
});

test('deeply nested JSON does not crash the parser', async () => {
  const depth = 100_000;
  const { status, json } = await post(url, '['.repeat(depth) + ']'.repeat(depth));
  assert.equal(status, 200);
  // A batch of one member that is not a request object.
  assert.ok(Array.isArray(json));
  expectError(json[0], -32600);
});

test('body over --rpc.max-body (5 MiB): HTTP 413', async () => {
  const pad = 'a'.repeat(5 * 1024 * 1024);
  const body = `{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[],"pad":"${pad}"}`;
  const { status, json } = await post(url, body);
  assert.equal(status, 413);
  expectError(json, -32600, /too large/);
});

test('GET request: answered without a JSON-RPC call', async () => {
  const { status, json } = await post(url, undefined, { method: 'GET' });
  assert.equal(status, 200);
  assert.equal(json.jsonrpc, '2.0');
});

test('PUT request: HTTP 405', async () => {
  const { status } = await post(url, '{}', { method: 'PUT' });
  assert.equal(status, 405);
});

test('malformed HTTP: 400 and the connection closes', async () => {
  const { port } = new URL(url);
  const reply = await new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('POST / HTTP/1.1\r\nContent-Length: banana\r\n\r\n'));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (text += d));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
    socket.setTimeout(5000, () => reject(new Error(`no answer; got ${text}`)));
  });
  assert.match(reply, /^HTTP\/1\.1 400/);
});

// ---- params ----

test('wrong param type (number for an address): -32602', async () => {
  expectError(await rpcCall(url, 'eth_getBalance', [123, 'latest']), -32602);
});

test('missing required param: -32602', async () => {
  expectError(await rpcCall(url, 'eth_getBalance', []), -32602, /missing value for required argument 0/);
});

test('too many params: -32602', async () => {
  expectError(await rpcCall(url, 'eth_getTransactionReceipt', [ethers.ZeroHash, 1]), -32602, /too many arguments/);
});

test('address of the wrong length: -32602', async () => {
  expectError(await rpcCall(url, 'eth_getBalance', ['0x1234', 'latest']), -32602);
  expectError(await rpcCall(url, 'eth_getBalance', ['0x' + '11'.repeat(21), 'latest']), -32602);
});

test('hash of the wrong length: -32602', async () => {
  expectError(await rpcCall(url, 'eth_getTransactionByHash', ['0x' + 'ab'.repeat(31)]), -32602);
});

test('quantity without 0x, with a leading zero, and a bad block tag: -32602', async () => {
  expectError(await rpcCall(url, 'eth_getBlockByNumber', ['10', false]), -32602);
  expectError(await rpcCall(url, 'eth_getBlockByNumber', ['0x01', false]), -32602);
  expectError(await rpcCall(url, 'eth_getBlockByNumber', ['newest', false]), -32602);
  expectError(await rpcCall(url, 'eth_getBlockByNumber', ['0x0', 'yes']), -32602);
});

test('raw transaction that is not hex: -32602', async () => {
  expectError(await sendRaw('0xzz'), -32602);
  expectError(await sendRaw('02f8'), -32602);
});

// ---- transactions: decoding and signatures ----

test('bad RLP: -32000 "rlp: ..."', async () => {
  expectError(await sendRaw('0xf8'), -32000, /^rlp: /);
  expectError(await sendRaw('0x'), -32000, /^rlp: |typed transaction too short/);
  // A valid transaction followed by a stray byte.
  expectError(await sendRaw(transfer(1, { nonce: 0 }).raw + '00'), -32000, /^rlp: /);
});

test('bad signature (r = 0, high s, yParity 2): -32000', async () => {
  const good = transfer(1, { nonce: await nonceOf(keys[1].address) });
  const { r, s, yParity } = good.tx.signature;
  expectError(await sendRaw(tamperType2(good.raw, { 10: '0x' })), -32000, /invalid transaction v, r, s values/);
  // (r, n - s) with the other parity recovers the same key, which EIP-2 forbids.
  const highS = tamperType2(good.raw, { 9: rlpInt(BigInt(1 - yParity)), 11: rlpInt(SECP256K1_N - BigInt(s)) });
  expectError(await sendRaw(highS), -32000, /invalid transaction v, r, s values/);
  expectError(await sendRaw(tamperType2(good.raw, { 9: '0x02' })), -32000, /invalid transaction v, r, s values|^rlp: /);
  assert.ok(r);
  // None of these may have entered the pool under any sender.
  assert.equal(await rpc(url, 'eth_getTransactionByHash', [ethers.keccak256(highS)]), null);
});

test('tampered r recovers another (unfunded) sender: insufficient funds', async () => {
  const good = transfer(1, { nonce: await nonceOf(keys[1].address) });
  const r = BigInt(good.tx.signature.r);
  const forged = tamperType2(good.raw, { 10: rlpInt(r ^ 1n) });
  const answer = await sendRaw(forged);
  // Either no point has that x (invalid signature) or it recovers a random empty account.
  expectError(answer, -32000, /insufficient funds for gas \* price \+ value|invalid transaction v, r, s values/);
});

test('wrong chain id: -32000 "invalid chain id for signer"', async () => {
  expectError(await sendRaw(transfer(1, { chainId: 1n }).raw), -32000, /invalid chain id for signer/);
  const legacy = signTx(keys[1].signingKey, { type: 0, chainId: 31337n, to: keys[9].address, gasLimit: 21000n, gasPrice: 2n * GWEI });
  expectError(await sendRaw(legacy.raw), -32000, /invalid chain id for signer/);
});

test('type-3 (blob) and type-4 (set code) transactions: "transaction type not supported"', async () => {
  const blob = signTx(keys[1].signingKey, {
    type: 3,
    chainId: CHAIN_ID,
    to: keys[9].address,
    gasLimit: 21000n,
    ...FEES,
    maxFeePerBlobGas: GWEI,
    blobVersionedHashes: ['0x01' + '00'.repeat(31)],
  });
  expectError(await sendRaw(blob.raw), -32000, /transaction type not supported/);
  const setCode = signTx(keys[1].signingKey, { type: 4, chainId: CHAIN_ID, to: keys[9].address, gasLimit: 50000n, ...FEES, authorizationList: [] });
  expectError(await sendRaw(setCode.raw), -32000, /transaction type not supported/);
  expectError(await sendRaw('0x7fc0'), -32000, /transaction type not supported|^rlp: /);
});

// ---- transactions: stateless rules ----

test('intrinsic gas too low: -32000', async () => {
  expectError(await sendRaw(transfer(1, { gasLimit: 20999n }).raw), -32000, /intrinsic gas too low/);
  // Call data costs gas too: 21000 is not enough for a transfer with data.
  expectError(await sendRaw(transfer(1, { data: '0x01' }).raw), -32000, /intrinsic gas too low/);
});

test('gas limit above the block gas limit: -32000 "exceeds block gas limit"', async () => {
  expectError(await sendRaw(transfer(1, { gasLimit: 30_000_001n }).raw), -32000, /exceeds block gas limit/);
});

test('oversized transaction data (> 128 KiB): -32000 "oversized data"', async () => {
  const data = ethers.hexlify(new Uint8Array(129 * 1024).fill(1));
  expectError(await sendRaw(transfer(1, { data, gasLimit: 29_000_000n }).raw), -32000, /oversized data/);
});

test('priority fee above max fee: -32000', async () => {
  const raw = signType2ByHand(keys[1].signingKey, {
    chainId: CHAIN_ID,
    nonce: await nonceOf(keys[1].address),
    maxPriorityFeePerGas: 2n * GWEI,
    maxFeePerGas: GWEI,
    gasLimit: 21000n,
    to: keys[9].address,
    value: 1n,
  });
  // The same transaction with sane fees is accepted by the encoding check (a control: the
  // hand-made encoding itself is right).
  const control = signType2ByHand(keys[1].signingKey, {
    chainId: CHAIN_ID, nonce: 0, maxPriorityFeePerGas: GWEI, maxFeePerGas: 2n * GWEI, gasLimit: 21000n, to: keys[9].address, value: 1n,
  });
  assert.equal(ethers.Transaction.from(control).from, keys[1].address);
  expectError(await sendRaw(raw), -32000, /max priority fee per gas higher than max fee per gas/);
});

// ---- transactions: account and pool rules ----

test('nonce too low: -32000', async () => {
  expectError(await sendRaw(transfer(0, { nonce: 0 }).raw), -32000, /nonce too low/);
});

test('insufficient funds (fresh random key): -32000', async () => {
  const stranger = ethers.Wallet.createRandom();
  const raw = signTx(stranger.signingKey, { chainId: CHAIN_ID, nonce: 0, to: keys[9].address, gasLimit: 21000n, ...FEES }).raw;
  expectError(await sendRaw(raw), -32000, /insufficient funds for gas \* price \+ value/);
  // Funded, but not for this value.
  expectError(await sendRaw(transfer(1, { value: 10n ** 23n }).raw), -32000, /insufficient funds/);
});

test('already known, and replacement with a 5% bump: -32000', async () => {
  // Dev key 3 with a nonce gap: the transaction waits in the pool, so it can be re-sent and
  // replaced (with block-time 0 a ready one would be mined at once).
  const nonce = (await nonceOf(keys[3].address)) + 2;
  const first = transfer(3, { nonce });
  assert.equal((await sendRaw(first.raw)).result, first.hash);
  expectError(await sendRaw(first.raw), -32000, /already known/);

  const bump = (v, percent) => (v * (100n + percent)) / 100n;
  const fivePercent = transfer(3, {
    nonce,
    maxFeePerGas: bump(FEES.maxFeePerGas, 5n),
    maxPriorityFeePerGas: bump(FEES.maxPriorityFeePerGas, 5n),
  });
  expectError(await sendRaw(fivePercent.raw), -32000, /replacement transaction underpriced/);
  // Only the fee cap raised: still underpriced.
  const capOnly = transfer(3, { nonce, maxFeePerGas: 2n * FEES.maxFeePerGas });
  expectError(await sendRaw(capOnly.raw), -32000, /replacement transaction underpriced/);
  // Ten percent on both is the documented minimum: it replaces the first.
  const tenPercent = transfer(3, {
    nonce,
    maxFeePerGas: bump(FEES.maxFeePerGas, 10n),
    maxPriorityFeePerGas: bump(FEES.maxPriorityFeePerGas, 10n),
  });
  assert.equal((await sendRaw(tenPercent.raw)).result, tenPercent.hash);
  assert.equal(await rpc(url, 'eth_getTransactionByHash', [first.hash]), null, 'the replaced transaction is gone');
  assert.ok(await rpc(url, 'eth_getTransactionByHash', [tenPercent.hash]));
});

test('nonce too far in the future (> --mempool.max-nonce-gap 64): -32000', async () => {
  const base = await nonceOf(keys[4].address);
  expectError(await sendRaw(transfer(4, { nonce: base + 65 }).raw), -32000, /nonce too (high|far in the future)/);
  // Exactly at the gap is accepted (and waits).
  const edge = transfer(4, { nonce: base + 64 });
  assert.equal((await sendRaw(edge.raw)).result, edge.hash);
});

// ---- calls and queries ----

test('eth_call revert: code 3 with the revert data', async () => {
  const answer = await rpcCall(url, 'eth_call', [{ to: revertTarget.address, data: revertTarget.data }, 'latest']);
  expectError(answer, 3, /^execution reverted: Counter: step too large$/);
  assert.match(answer.error.data, /^0x08c379a0/);
  const [reason] = ethers.AbiCoder.defaultAbiCoder().decode(['string'], ethers.dataSlice(answer.error.data, 4));
  assert.equal(reason, 'Counter: step too large');
  // eth_estimateGas reports the same revert.
  const estimate = await rpcCall(url, 'eth_estimateGas', [{ from: keys[0].address, to: revertTarget.address, data: revertTarget.data }]);
  expectError(estimate, 3, /execution reverted/);
  assert.equal(estimate.error.data, answer.error.data);
});

test('eth_call with a malformed call object: -32602', async () => {
  expectError(await rpcCall(url, 'eth_call', ['not an object', 'latest']), -32602);
  expectError(await rpcCall(url, 'eth_call', [{ to: '0x12' }, 'latest']), -32602);
  expectError(await rpcCall(url, 'eth_call', [{ to: revertTarget.address, data: '0x1' }, 'latest']), -32602);
});

test('eth_getLogs range over --rpc.max-logs-range: -32005', async () => {
  const head = Number(await rpc(url, 'eth_blockNumber', []));
  assert.ok(head >= MAX_LOGS_RANGE, `head ${head} is high enough for the test`);
  const answer = await rpcCall(url, 'eth_getLogs', [{ fromBlock: '0x0', toBlock: 'latest' }]);
  expectError(answer, -32005, /max block range/);
  // A range within the limit is fine.
  const ok = await rpcCall(url, 'eth_getLogs', [{ fromBlock: ethers.toQuantity(head - MAX_LOGS_RANGE + 1), toBlock: 'latest' }]);
  assert.ok(Array.isArray(ok.result));
});

test('eth_getLogs with fromBlock > toBlock, or blockHash with a range: errors', async () => {
  expectError(await rpcCall(url, 'eth_getLogs', [{ fromBlock: '0x3', toBlock: '0x2' }]), -32000, /invalid block range/);
  expectError(await rpcCall(url, 'eth_getLogs', [{ blockHash: ethers.ZeroHash, fromBlock: '0x1' }]), -32602);
  expectError(await rpcCall(url, 'eth_getLogs', [{ topics: [[], [], [], [], []] }]), -32602);
});

test('unknown block and transaction: null or "header not found", never an error of the server', async () => {
  assert.equal(await rpc(url, 'eth_getBlockByNumber', ['0xffffff', false]), null);
  assert.equal(await rpc(url, 'eth_getBlockByHash', ['0x' + '12'.repeat(32), false]), null);
  assert.equal(await rpc(url, 'eth_getTransactionReceipt', ['0x' + '12'.repeat(32)]), null);
  expectError(await rpcCall(url, 'eth_getBalance', [keys[0].address, '0xffffff']), -32000, /header not found/);
  expectError(await rpcCall(url, 'debug_traceTransaction', ['0x' + '12'.repeat(32)]), -32000, /not found/);
});

// ---- and afterwards ----

test('the node still includes a valid transaction', async () => {
  const nonce = await nonceOf(keys[0].address);
  const ok = transfer(0, { nonce, to: ethers.Wallet.createRandom().address, value: 777n });
  assert.equal((await sendRaw(ok.raw)).result, ok.hash);
  const receipt = await waitFor('the receipt', () => rpc(url, 'eth_getTransactionReceipt', [ok.hash]), { timeoutMs: 10_000 });
  assert.equal(receipt.status, '0x1');
  assert.equal(BigInt(await rpc(url, 'eth_getBalance', [ok.tx.to, 'latest'])), 777n);
});
