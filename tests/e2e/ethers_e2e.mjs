// End-to-end test with a real client: ethers v6 (JsonRpcProvider + Wallet) against a fresh
// optimist-sequencer. Covers what a wallet or dapp does: transfers of each transaction type
// with exact balance accounting, deploying a contract compiled here with solc, calls,
// events and log filters, revert reasons, gas estimation, state proofs checked against the
// block's stateRoot, struct-log traces and block tags.
//
// Run: node tests/e2e/ethers_e2e.mjs --sequencer build/tools/sequencer/optimist-sequencer
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ethers } from './lib/deps.mjs';
import { compileContract, devKeys, freshAddress, GWEI, DEV_BALANCE } from './lib/chain.mjs';
import { checkAccountProof } from './lib/mpt.mjs';
import { startNode } from './lib/node.mjs';
import { rpcCall } from './lib/rpc.mjs';

const CHAIN_ID = 901n;

let node;
let provider;
let wallet; // dev account 0, connected
let other; // dev account 1
let compiled;
let counter; // the deployed Counter (ethers Contract, signer: wallet)
let counterDeployBlock;
const incrementReceipts = [];

before(async () => {
  // A block per transaction: every wait() returns as soon as the node has executed it.
  [node, compiled] = await Promise.all([startNode({ args: ['--block-time', '0'] }), compileContract('Counter')]);
  const network = new ethers.Network('optimist-dev', CHAIN_ID);
  // ethers polls for receipts; its 4 s default would dominate the run time. Its 250 ms cache
  // of identical requests would hand back stale nonces and balances between transactions.
  provider = new ethers.JsonRpcProvider(node.url, network, { staticNetwork: network, pollingInterval: 50, cacheTimeout: -1 });
  const keys = devKeys(2);
  wallet = new ethers.Wallet(keys[0].privateKey, provider);
  other = new ethers.Wallet(keys[1].privateKey, provider);
});

after(async () => {
  provider?.destroy();
  if (node) {
    const status = await node.stop();
    node.cleanup();
    assert.equal(status?.code, 0, `the node should exit 0 on SIGTERM, got ${JSON.stringify(status)}`);
  }
});

// Balance of `address` at the end of block `blockNumber`.
const balanceAt = (address, blockNumber) => provider.getBalance(address, blockNumber);

// Checks the exact accounting of one mined transfer: the sender pays value + gasUsed *
// effectiveGasPrice, the recipient gets value, and the effective price follows the
// transaction type's rule against the block's base fee.
async function checkTransfer(txResponse, { from, to, value }) {
  const receipt = await txResponse.wait();
  assert.equal(receipt.status, 1);
  assert.equal(receipt.gasUsed, 21000n, 'a plain transfer uses exactly 21000 gas');
  const block = await provider.getBlock(receipt.blockNumber);
  const baseFee = block.baseFeePerGas;
  const tx = await provider.getTransaction(txResponse.hash);
  const expectedPrice = tx.type === 2 ? min(tx.maxFeePerGas, baseFee + tx.maxPriorityFeePerGas) : tx.gasPrice;
  assert.equal(receipt.gasPrice, expectedPrice, 'effectiveGasPrice');

  const before = receipt.blockNumber - 1;
  const spent = (await balanceAt(from, before)) - (await balanceAt(from, receipt.blockNumber));
  assert.equal(spent, value + receipt.gasUsed * receipt.gasPrice, 'sender pays value + gasUsed * effectiveGasPrice');
  const got = (await balanceAt(to, receipt.blockNumber)) - (await balanceAt(to, before));
  assert.equal(got, value, 'recipient receives value');
  assert.equal(tx.from, from);
  assert.equal(tx.to, to);
  assert.equal(tx.value, value);
  assert.equal(tx.blockNumber, receipt.blockNumber);
  assert.equal(tx.blockHash, receipt.blockHash);
  assert.ok(block.transactions.includes(txResponse.hash), 'the block lists the transaction');
  return receipt;
}

const min = (a, b) => (a < b ? a : b);

test('chain identity', async () => {
  assert.equal((await provider.getNetwork()).chainId, CHAIN_ID);
  assert.equal(await provider.send('eth_chainId', []), '0x385');
  assert.equal(await provider.send('net_version', []), '901');
  assert.match(await provider.send('web3_clientVersion', []), /\S/);
  assert.equal(await provider.getBalance(wallet.address, 0), DEV_BALANCE);
  const status = await provider.send('optimist_status', []);
  assert.equal(status.chainId, 901);
});

test('EIP-1559 transfer: exact balance changes', async () => {
  const to = freshAddress('ethers', 1);
  const value = ethers.parseEther('1.5');
  const sent = await wallet.sendTransaction({ to, value });
  assert.equal(sent.type, 2);
  await checkTransfer(sent, { from: wallet.address, to, value });
});

test('legacy and EIP-2930 transfers: exact balance changes', async () => {
  const gasPrice = 3n * GWEI;
  const to = freshAddress('ethers', 2);
  const legacy = await wallet.sendTransaction({ to, value: 12345n, type: 0, gasPrice });
  const r0 = await checkTransfer(legacy, { from: wallet.address, to, value: 12345n });
  assert.equal(r0.gasPrice, gasPrice);
  const accessList = await other.sendTransaction({ to, value: 1n, type: 1, gasPrice, accessList: [] });
  await checkTransfer(accessList, { from: other.address, to, value: 1n });
});

test('nonces: latest and pending, and a queued transaction waits for its gap', async () => {
  const base = await provider.getTransactionCount(other.address, 'latest');
  assert.equal(await provider.getTransactionCount(other.address, 'pending'), base);
  const to = freshAddress('ethers', 3);
  const fee = { maxFeePerGas: 20n * GWEI, maxPriorityFeePerGas: GWEI, gasLimit: 21000n };
  // nonce base+1 before base: it must wait in the pool, visible but not mined.
  const later = await other.sendTransaction({ to, value: 2n, nonce: base + 1, ...fee });
  const queued = await provider.getTransaction(later.hash);
  assert.ok(queued, 'a pooled transaction is returned by eth_getTransactionByHash');
  assert.equal(queued.blockNumber, null);
  assert.equal(await provider.getTransactionReceipt(later.hash), null);
  assert.equal(await provider.getTransactionCount(other.address, 'pending'), base, 'a gap stops the pending nonce');
  const first = await other.sendTransaction({ to, value: 1n, nonce: base, ...fee });
  const [r1, r2] = await Promise.all([first.wait(), later.wait()]);
  assert.ok(r2.blockNumber > r1.blockNumber || (r2.blockNumber === r1.blockNumber && r2.index > r1.index));
  assert.equal(await provider.getTransactionCount(other.address, 'latest'), base + 2);
  assert.equal(await provider.getBalance(to), 3n);
});

test('deploy the Counter contract compiled with solc', async () => {
  const factory = new ethers.ContractFactory(compiled.abi, compiled.bytecode, wallet);
  const deployed = await factory.deploy();
  await deployed.waitForDeployment();
  const receipt = await deployed.deploymentTransaction().wait();
  assert.equal(receipt.status, 1);
  const address = await deployed.getAddress();
  assert.equal(receipt.contractAddress, address);
  assert.equal(address, ethers.getCreateAddress({ from: wallet.address, nonce: deployed.deploymentTransaction().nonce }));
  const code = await provider.getCode(address);
  assert.ok(code.length > 2, 'runtime code is stored');
  assert.equal(await provider.getCode(address, receipt.blockNumber - 1), '0x', 'no code before the deployment block');
  counter = deployed;
  counterDeployBlock = receipt.blockNumber;
  assert.equal(await counter.count(), 0n);
});

test('calls change state and emit events', async () => {
  const r1 = await (await counter.increment()).wait();
  const r2 = await (await counter.add(5)).wait();
  incrementReceipts.push(r1, r2);
  assert.equal(await counter.count(), 6n);
  assert.equal(await counter.count({ blockTag: r1.blockNumber }), 1n, 'eth_call at an older block');
  const parsed = r2.logs.map((log) => counter.interface.parseLog(log));
  assert.equal(parsed.length, 1);
  assert.equal(parsed[0].name, 'Incremented');
  assert.equal(parsed[0].args.by, wallet.address);
  assert.equal(parsed[0].args.value, 6n);
  assert.equal(r2.logs[0].blockHash, r2.blockHash);
  assert.equal(r2.logs[0].transactionHash, r2.hash);
  // The receipt's bloom must contain the log's address and topics.
  assert.notEqual(r2.logsBloom, ethers.zeroPadValue('0x', 256));
  assert.equal(await provider.getStorage(await counter.getAddress(), 0), ethers.toBeHex(6n, 32));
});

test('log filters: queryFilter and getLogs with topics', async () => {
  const address = await counter.getAddress();
  const mine = await counter.queryFilter(counter.filters.Incremented(wallet.address), counterDeployBlock);
  assert.deepEqual(mine.map((e) => e.args.value), [1n, 6n]);
  assert.deepEqual(mine.map((e) => e.transactionHash), incrementReceipts.map((r) => r.hash));

  const topic = counter.interface.getEvent('Incremented').topicHash;
  const byTopics = await provider.getLogs({
    address,
    topics: [topic, ethers.zeroPadValue(wallet.address, 32)],
    fromBlock: counterDeployBlock,
    toBlock: 'latest',
  });
  assert.equal(byTopics.length, 2);
  assert.deepEqual(byTopics.map((l) => l.index), [0, 0]);
  // OR within a position, and a topic that matches nothing.
  const either = await provider.getLogs({
    fromBlock: 0,
    topics: [[topic, ethers.id('Nothing()')], [ethers.zeroPadValue(other.address, 32), ethers.zeroPadValue(wallet.address, 32)]],
  });
  assert.equal(either.length, 2);
  const none = await provider.getLogs({ fromBlock: 0, topics: [topic, ethers.zeroPadValue(other.address, 32)] });
  assert.equal(none.length, 0);
  const byHash = await provider.getLogs({ blockHash: incrementReceipts[1].blockHash, address });
  assert.equal(byHash.length, 1);
  assert.equal(byHash[0].data, ethers.toBeHex(6n, 32));
  const wrongAddress = await provider.getLogs({ fromBlock: 0, address: freshAddress('ethers', 99) });
  assert.equal(wrongAddress.length, 0);
});

test('eth_call reverts surface their reason in ethers errors', async () => {
  await assert.rejects(counter.add.staticCall(1000), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.reason, 'Counter: step too large');
    assert.match(e.data, /^0x08c379a0/);
    return true;
  });
  await assert.rejects(counter.addChecked.staticCall(11), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.revert?.name, 'TooLarge');
    assert.deepEqual([...e.revert.args], [11n, 10n]);
    return true;
  });
  // On the wire: code 3, "execution reverted: <reason>", the revert data in error.data.
  const data = counter.interface.encodeFunctionData('add', [1000]);
  const answer = await rpcCall(node.url, 'eth_call', [{ to: await counter.getAddress(), data }, 'latest']);
  assert.equal(answer.error.code, 3);
  assert.equal(answer.error.message, 'execution reverted: Counter: step too large');
  assert.equal(answer.error.data, ethers.concat(['0x08c379a0', ethers.AbiCoder.defaultAbiCoder().encode(['string'], ['Counter: step too large'])]));
});

test('estimateGas: transfers, contract calls, and reverts', async () => {
  assert.equal(await provider.estimateGas({ from: wallet.address, to: freshAddress('ethers', 4), value: 1n }), 21000n);
  const estimate = await counter.increment.estimateGas();
  assert.ok(estimate > 21000n && estimate < 100000n, `increment estimate ${estimate}`);
  // The estimate must be enough: a transaction with exactly that limit succeeds.
  const receipt = await (await counter.increment({ gasLimit: estimate })).wait();
  assert.equal(receipt.status, 1);
  assert.ok(receipt.gasUsed <= estimate);
  // ethers estimates before sending; a reverting call fails there, with the reason.
  await assert.rejects(counter.add(1000), (e) => e.code === 'CALL_EXCEPTION' && e.reason === 'Counter: step too large');
});

test('a reverted transaction is mined with status 0 and traced as failed', async () => {
  const sent = await counter.add(1000, { gasLimit: 100000n });
  await assert.rejects(sent.wait(), (e) => e.code === 'CALL_EXCEPTION' && e.receipt?.status === 0);
  const receipt = await provider.getTransactionReceipt(sent.hash);
  assert.equal(receipt.status, 0);
  assert.equal(receipt.logs.length, 0);
  const trace = await provider.send('debug_traceTransaction', [sent.hash, {}]);
  assert.equal(trace.failed, true);
  assert.equal(BigInt(trace.gas), receipt.gasUsed);
  assert.ok(trace.structLogs.some((s) => s.op === 'REVERT'));
});

test('debug_traceTransaction gives geth struct logs', async () => {
  const receipt = incrementReceipts[0];
  const trace = await provider.send('debug_traceTransaction', [receipt.hash]);
  assert.equal(trace.failed, false);
  assert.equal(BigInt(trace.gas), receipt.gasUsed, '"gas" is the gas used, as in geth');
  assert.ok(trace.structLogs.length > 10, 'non-empty struct logs');
  const first = trace.structLogs[0];
  assert.equal(first.pc, 0);
  assert.equal(first.depth, 1);
  assert.equal(typeof first.op, 'string');
  assert.ok(first.gas > 0);
  const ops = new Set(trace.structLogs.map((s) => s.op));
  for (const op of ['SLOAD', 'SSTORE', 'LOG2']) assert.ok(ops.has(op), `trace contains ${op}`);
  // Gas only goes down along a frame.
  for (let i = 1; i < trace.structLogs.length; i++) {
    if (trace.structLogs[i].depth === trace.structLogs[i - 1].depth) {
      assert.ok(trace.structLogs[i].gas <= trace.structLogs[i - 1].gas, `gas increases at step ${i}`);
    }
  }
  // A plain transfer runs no code: an empty trace, not an error.
  const transfer = await (await wallet.sendTransaction({ to: freshAddress('ethers', 5), value: 1n })).wait();
  const empty = await provider.send('debug_traceTransaction', [transfer.hash]);
  assert.deepEqual(empty.structLogs, []);
  assert.equal(BigInt(empty.gas), 21000n);
});

test('eth_getProof: proofs check against the block stateRoot', async () => {
  const address = await counter.getAddress();
  const number = await provider.getBlockNumber();
  const block = await provider.getBlock(number);
  const tag = ethers.toQuantity(number);
  const proof = await provider.send('eth_getProof', [address, ['0x0', '0x1'], tag]);
  // The first node of the account proof is the state trie root.
  assert.equal(ethers.keccak256(proof.accountProof[0]), block.stateRoot);
  checkAccountProof(block.stateRoot, address, proof);
  assert.equal(BigInt(proof.storageProof[0].value), await counter.count({ blockTag: number }));
  assert.equal(BigInt(proof.storageProof[1].value), 0n);
  assert.equal(proof.codeHash, ethers.keccak256(await provider.getCode(address, number)));

  // An externally owned account, and an account that does not exist (absence proof).
  const eoa = await provider.send('eth_getProof', [wallet.address, [], tag]);
  checkAccountProof(block.stateRoot, wallet.address, eoa);
  assert.equal(BigInt(eoa.balance), await provider.getBalance(wallet.address, number));
  assert.equal(BigInt(eoa.nonce), BigInt(await provider.getTransactionCount(wallet.address, number)));
  const missing = ethers.Wallet.createRandom().address;
  const absent = await provider.send('eth_getProof', [missing, [], tag]);
  checkAccountProof(block.stateRoot, missing, absent);
  assert.equal(BigInt(absent.balance), 0n);

  // An older block's proof checks against that block's root.
  const old = await provider.getBlock(counterDeployBlock - 1);
  const before = await provider.send('eth_getProof', [wallet.address, [], ethers.toQuantity(old.number)]);
  assert.equal(ethers.keccak256(before.accountProof[0]), old.stateRoot);
  checkAccountProof(old.stateRoot, wallet.address, before);
});

test('block tags and lookups', async () => {
  const head = await provider.getBlockNumber();
  const latest = await provider.getBlock('latest');
  assert.equal(latest.number, head);
  const byHash = await provider.getBlock(latest.hash);
  assert.deepEqual(byHash.toJSON(), latest.toJSON());

  const earliest = await provider.getBlock('earliest');
  assert.equal(earliest.number, 0);
  assert.equal(earliest.parentHash, ethers.ZeroHash);
  assert.equal(await provider.getBalance(wallet.address, 'earliest'), DEV_BALANCE);

  for (const tag of ['safe', 'finalized']) {
    const block = await provider.getBlock(tag);
    assert.ok(block && block.number <= head, `${tag} is a stored block at or below the head`);
  }

  const pending = await provider.send('eth_getBlockByNumber', ['pending', false]);
  assert.equal(BigInt(pending.number), BigInt(head) + 1n);
  assert.equal(pending.parentHash, latest.hash);
  assert.equal(pending.hash, null);

  assert.equal(await provider.getBlock(head + 1000), null, 'a block past the head does not exist');
  // EIP-1898 block parameter by hash.
  const balance = await provider.send('eth_getBalance', [wallet.address, { blockHash: latest.hash }]);
  assert.equal(BigInt(balance), await provider.getBalance(wallet.address, head));

  // Chain links and monotonic timestamps across every block so far.
  let parent = earliest;
  for (let n = 1; n <= head; n++) {
    const block = await provider.getBlock(n);
    assert.equal(block.parentHash, parent.hash, `block ${n} links to block ${n - 1}`);
    assert.ok(block.timestamp > parent.timestamp, `block ${n} timestamp increases`);
    parent = block;
  }
});

test('fee suggestions', async () => {
  const fees = await provider.getFeeData();
  const latest = await provider.getBlock('latest');
  assert.ok(fees.maxFeePerGas >= latest.baseFeePerGas);
  assert.ok(fees.maxPriorityFeePerGas >= 0n);
  assert.ok(fees.gasPrice > 0n);
  const history = await provider.send('eth_feeHistory', ['0x4', 'latest', [25, 75]]);
  const count = Number(BigInt(history.oldestBlock)) === 0 ? Math.min(4, latest.number + 1) : 4;
  assert.equal(history.baseFeePerGas.length, count + 1);
  assert.equal(history.gasUsedRatio.length, count);
  assert.equal(history.reward.length, count);
});
