// The dispute game end to end, every party a real process:
//   - optimist-l1 with the step-machine referee (small challenge window, long game clocks);
//   - optimist-sequencer with --fault transfer-balance --fault-block 1 --fault-tx 0: its
//     proposer posts a wrong output root for L2 block 1, which holds two value transfers sent
//     with ethers (the recipient of the first "gets one wei more");
//   - a defender for the proposer, `optimist-challenger run --key dev:9 --no-dispute`, that
//     believes the same fault, so it defends the wrong root consistently down to one EVM step;
//   - the honest challenger, `optimist-challenger run --key dev:7 --once --proof-dir DIR`.
// Then: the challenger exits 0; `list-games --json` shows the game won by it with a one-step
// proof; `optimist proof verify` on the exported file exits 0 and prints REFUTES; its L1
// balance grew by about the proposer's bond (minus gas); `list-credits` agrees.
//
// Run: node tests/e2e/challenger_e2e.mjs --sequencer PATH --l1-bin PATH --cli PATH --challenger PATH
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ethers } from './lib/deps.mjs';
import { devKeys } from './lib/chain.mjs';
import { makeTempDir, sequencerPath } from './lib/node.mjs';
import { rpc, waitFor } from './lib/rpc.mjs';
import { binaryPath, cliPath, l1Outputs, run, startL1, startRollupSequencer } from './lib/rollup.mjs';

const challengerPath = () =>
  binaryPath('--challenger', 'OPTIMIST_CHALLENGER', 'build/tools/challenger/optimist-challenger');

const FAULT = ['--fault', 'transfer-balance', '--fault-block', '1', '--fault-tx', '0'];
// 0.25 s L1 blocks: the game's ~40 moves take ~10 s. The window (15 s) leaves the challenger
// time to start; the clocks (300 blocks each) are far more than the game needs.
const L1_ARGS = ['--block-time', '0.25', '--challenge-window', '60', '--game-clock', '300', '--log-level', 'warn'];
// Blocks only when there are transactions, so the first transfers land in block 1.
const L2_ARGS = ['--block-time', '0.5', '--no-empty-blocks', ...FAULT];
const ETH = 10n ** 18n;
const BOND = ETH / 10n; // the stub's default minimum bond, posted by proposer and challenger alike

const procs = [];
const children = [];
const dirs = [];
after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const p of procs.reverse()) {
    await p.kill9();
    p.cleanup();
  }
  if (!process.env.OPTIMIST_E2E_KEEP) for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix) {
  const dir = makeTempDir(prefix);
  dirs.push(dir);
  return dir;
}

// A long-running optimist-challenger; resolves its exit code when it stops.
function startChallenger(args) {
  const child = spawn(challengerPath(), ['run', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let log = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-32 * 1024);
    if (process.env.OPTIMIST_E2E_VERBOSE) process.stderr.write(chunk);
  });
  child.stdout.resume();
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, exited, log: () => log };
}

test('an honest challenger wins the game over a wrong root, with a proof that verifies offline', { timeout: 60_000 }, async () => {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const l1 = await startL1({ args: L1_ARGS });
  procs.push(l1);
  const seq = await startRollupSequencer({ binary: sequencerPath(), l1Url: l1.url, args: L2_ARGS });
  procs.push(seq);
  assert.match(seq.stderr.text, /FAULT INJECTION/, 'the sequencer warns about the fault at start');

  // Two value transfers, sent together with ethers: block 1 starts with one of them.
  const network = new ethers.Network('optimist-dev', 901n);
  const provider = new ethers.JsonRpcProvider(seq.url, network, { staticNetwork: network, pollingInterval: 50, cacheTimeout: -1 });
  const keys = devKeys(10);
  const recipient = ethers.getAddress(ethers.dataSlice(ethers.id('optimist-e2e/challenger/recipient'), 12));
  const sent = await Promise.all(
    [0, 1].map((i) => new ethers.Wallet(keys[i].privateKey, provider).sendTransaction({ to: recipient, value: ETH + BigInt(i) })),
  );
  const receipts = await Promise.all(sent.map((t) => t.wait()));
  provider.destroy();
  const block1 = await rpc(seq.url, 'eth_getBlockByNumber', ['0x1', true]);
  assert.ok(block1.transactions.length >= 1);
  assert.ok(BigInt(block1.transactions[0].value) > 0n, 'transaction 0 of block 1 transfers value');
  console.log(`# transfers in blocks ${receipts.map((r) => r.blockNumber).join(', ')} (${elapsed()})`);

  // The proposer posts its wrong root for block 1.
  const proposal = await waitFor(
    'the proposal of L2 block 1',
    async () => (await l1Outputs(l1.url)).find((p) => Number(p.l2Block) === 1) ?? null,
    { timeoutMs: 15_000, intervalMs: 100 },
  );
  const node = await rpc(seq.url, 'optimist_outputAtBlock', ['0x1']);
  assert.notEqual(proposal.outputRoot, node.outputRoot, 'the posted root is not the chain\'s');
  console.log(`# wrong root proposed at L1 block ${Number(proposal.l1Block)} (${elapsed()})`);

  const challenger = keys[7].address;
  const before = BigInt(await rpc(l1.url, 'eth_getBalance', [challenger, 'latest']));

  // The proposer's defender first, then the challenger, each with its own derived chain.
  const defender = startChallenger([
    '--l1', l1.url, '--datadir', tempDir('optimist-defender-'), '--key', 'dev:9', '--no-dispute',
    '--poll-ms', '100', ...FAULT,
  ]);
  const proofDir = tempDir('optimist-proofs-');
  const result = await run(
    challengerPath(),
    ['run', '--l1', l1.url, '--datadir', tempDir('optimist-challenger-'), '--key', 'dev:7', '--once',
      '--proof-dir', proofDir, '--poll-ms', '100', '--timeout-s', '40'],
    { timeoutMs: 45_000 },
  );
  assert.equal(result.code, 0, `the challenger settles without losing\n${result.stdout}\n${result.stderr.slice(-4000)}`);
  assert.match(result.stdout, /settled: 1 games \(1 won, 0 lost, 0 closed\)/);
  assert.match(result.stderr, /disputing output \d+ \(L2 block 1\)/);
  assert.match(result.stderr, /level 3 \(block 1, big step 1 = transaction 0/, 'the game went down to an EVM step');
  console.log(`# the challenger exited 0 (${elapsed()})`);

  // The game, from the outside.
  const list = await run(challengerPath(), ['list-games', '--l1', l1.url, '--json']);
  assert.equal(list.code, 0, list.stderr);
  const { games } = JSON.parse(list.stdout);
  const game = games.find((g) => g.l2Block === 1);
  assert.ok(game, 'a game over L2 block 1');
  assert.equal(game.status, 'challenger_won');
  assert.equal(game.winner, 'challenger');
  assert.equal(game.end, 'step_proof');
  assert.equal(game.challenger, challenger.toLowerCase());
  assert.equal(game.asserter, keys[9].address.toLowerCase());
  assert.equal(game.level, 3, 'decided by a step inside the transfer');
  const shown = await run(challengerPath(), ['show-game', String(game.id), '--l1', l1.url, '--json']);
  assert.equal(shown.code, 0, shown.stderr);
  const moves = JSON.parse(shown.stdout).moves;
  assert.equal(moves[0].kind, 'create');
  assert.ok(moves.some((m) => m.kind === 'respond' && m.agree === false), 'the challenger disagreed with a midpoint');
  assert.equal(moves.at(-1).kind, 'prove');
  const outputs = await l1Outputs(l1.url);
  assert.equal(outputs.find((p) => Number(p.l2Block) === 1).status, 'invalidated');

  // The exported one-step proof verifies offline and refutes the claim it answered.
  const files = readdirSync(proofDir).filter((f) => f.endsWith('.opsf'));
  assert.ok(files.length >= 1, 'a proof file was exported');
  for (const f of files) {
    const verify = await run(cliPath(), ['proof', 'verify', join(proofDir, f)]);
    assert.equal(verify.code, 0, `optimist proof verify ${f}: ${verify.stderr}`);
    assert.match(verify.stdout, /REFUTES the claim/);
    assert.match(verify.stdout, /step of transaction 0/);
  }

  // Both bonds came back to the challenger: its balance grew by the proposer's bond, less gas.
  const afterBalance = BigInt(await rpc(l1.url, 'eth_getBalance', [challenger, 'latest']));
  const gained = afterBalance - before;
  console.log(`# the challenger gained ${ethers.formatEther(gained)} ETH (${elapsed()})`);
  assert.ok(gained < BOND, 'it paid gas for its moves');
  assert.ok(gained > BOND - ETH / 100n, `it won about the bond (gained ${ethers.formatEther(gained)} ETH)`);
  const credits = await run(challengerPath(), ['list-credits', '--l1', l1.url, '--key', 'dev:7', '--json']);
  assert.equal(credits.code, 0, credits.stderr);
  const summary = JSON.parse(credits.stdout);
  assert.equal(summary.credit, '0', 'the credit was claimed');
  assert.equal(summary.won, BOND.toString());
  assert.equal(summary.gamesWon, 1);

  // The defender lost, logged it, and stops cleanly.
  await waitFor('the defender to see the end', async () => /LOST/.test(defender.log()), { timeoutMs: 5_000 });
  defender.child.kill('SIGTERM');
  assert.equal((await defender.exited).code, 0, `the defender stops cleanly\n${defender.log().slice(-2000)}`);
  console.log(`# done (${elapsed()})`);
});
