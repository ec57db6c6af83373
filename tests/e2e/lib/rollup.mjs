// Helpers for the rollup end-to-end tests and the safe-head benchmark: starting optimist-l1
// and a sequencer posting to it, running optimist-verifier --once and the `optimist` CLI,
// reading sync status, and streaming signed transfers.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { argValue, makeTempDir, NodeProcess } from './node.mjs';
import { rpc } from './rpc.mjs';

// A binary given as --flag PATH, else $ENV, else the default build path.
export function binaryPath(flag, env, fallback) {
  const path = resolve(argValue(flag, process.env[env] ?? fallback));
  if (!existsSync(path)) throw new Error(`${path} not found: pass ${flag} PATH or set ${env}`);
  return path;
}

export const l1Path = () => binaryPath('--l1-bin', 'OPTIMIST_L1', 'build/tools/l1/optimist-l1');
export const verifierPath = () => binaryPath('--verifier', 'OPTIMIST_VERIFIER', 'build/tools/verifier/optimist-verifier');
export const cliPath = () => binaryPath('--cli', 'OPTIMIST_CLI', 'build/tools/cli/optimist');

// Both optimist-l1 and optimist-sequencer print "  RPC URL   http://..." in their banner.
const URL_PATTERN = /RPC URL\s+(http:\/\/\S+)/;

// Every line a process writes to stderr, kept whole (NodeProcess keeps only a tail) so a
// test can look for a log message written long before it checks.
function collectLog(node) {
  node.log = [];
  let partial = '';
  node.child.stderr.on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop();
    node.log.push(...lines);
  });
  return node;
}

async function startProcess(node, timeoutMs) {
  try {
    await node.start({ timeoutMs });
  } catch (e) {
    node.cleanup();
    throw e;
  }
  return collectLog(node);
}

// optimist-l1 on `port` (0: any free port; a restart that others must find again needs a
// fixed one) with `datadir` (default a fresh temp dir, removed by cleanup()).
export async function startL1({ binary = l1Path(), datadir, port = 0, args = [], timeoutMs } = {}) {
  const ownsDatadir = datadir === undefined;
  const dir = datadir ?? makeTempDir('optimist-l1-');
  const node = new NodeProcess({
    name: 'optimist-l1',
    binary,
    argv: ['--datadir', dir, '--http.port', String(port), ...args],
    urlPattern: URL_PATTERN,
    datadir: dir,
    ownsDatadir,
  });
  return startProcess(node, timeoutMs);
}

// optimist-sequencer with its batcher and proposer posting to `l1Url`.
export async function startRollupSequencer({ binary, l1Url, datadir, args = [], timeoutMs }) {
  const ownsDatadir = datadir === undefined;
  const dir = datadir ?? makeTempDir('optimist-seq-');
  const node = new NodeProcess({
    name: 'optimist-sequencer',
    binary,
    argv: ['--datadir', dir, '--http.port', '0', '--l1', l1Url, ...args],
    urlPattern: URL_PATTERN,
    datadir: dir,
    ownsDatadir,
  });
  return startProcess(node, timeoutMs);
}

// Runs a binary to completion; resolves {code, stdout, stderr} whatever the exit code.
export function run(binary, argv, { timeoutMs = 60_000 } = {}) {
  return new Promise((resolveRun, reject) => {
    execFile(binary, argv, { timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(`${binary} ${argv.join(' ')}: ${error.message}\n${stderr}`));
        return;
      }
      resolveRun({ code: error ? error.code : 0, stdout, stderr });
    });
  });
}

// `optimist <args> --json`, parsed. Throws on a usage error (exit 2) or unparsable output.
export async function cliJson(args, { allowFailure = false } = {}) {
  const { code, stdout, stderr } = await run(cliPath(), [...args, '--json']);
  if (code !== 0 && !(allowFailure && code === 1)) throw new Error(`optimist ${args.join(' ')} exited ${code}: ${stderr}`);
  return { code, doc: JSON.parse(stdout) };
}

// optimist-verifier --once on a fresh datadir: derives the chain from the L1 alone and checks
// every root. Returns its exit code and the figures of its summary line.
export async function verifyOnce(l1Url) {
  const datadir = makeTempDir('optimist-verifier-');
  const { code, stdout, stderr } = await run(verifierPath(), ['--once', '--l1', l1Url, '--datadir', datadir, '--log-level', 'warn']);
  const m = /derived L2 blocks up to (\d+) from L1 blocks up to (\d+); (\d+) output roots checked, (\d+) mismatched; (\d+) L1 entries rejected/.exec(
    stdout,
  );
  if (!m) throw new Error(`optimist-verifier --once printed no summary (exit ${code}):\n${stdout}\n${stderr}`);
  const [derived, l1Block, checked, mismatched, rejected] = m.slice(1).map(Number);
  return { code, derived, l1Block, checked, mismatched, rejected, stdout, stderr, datadir };
}

export async function syncStatus(url) {
  return await rpc(url, 'optimist_syncStatus', []);
}

// Every proposal in the L1 oracle (optimist_l1Outputs pages of 1000).
export async function l1Outputs(l1Url) {
  const all = [];
  for (;;) {
    const page = await rpc(l1Url, 'optimist_l1Outputs', [`0x${all.length.toString(16)}`, '0x3e8']);
    all.push(...page);
    if (page.length < 1000) return all;
  }
}

// From `optimist batch inspect --json`: checks that the decoded channels carry each L2 block
// 1..upTo exactly once (a block in two channels means a batch was posted twice, a block in
// none that one was lost) and returns the problems as messages (empty when all is well).
export function coverageProblems(inspect, upTo) {
  const seen = new Map();
  for (const c of inspect.channels) {
    if (!c.ok) continue;
    for (let n = c.firstBlock; n <= c.lastBlock; n++) seen.set(n, (seen.get(n) ?? 0) + 1);
  }
  const problems = [];
  for (let n = 1; n <= upTo; n++) {
    const count = seen.get(n) ?? 0;
    if (count !== 1) problems.push(`L2 block ${n} is in ${count} channels`);
  }
  for (const [n, count] of seen) if (count > 1 && n > upTo) problems.push(`L2 block ${n} is in ${count} channels`);
  return problems;
}

// The transaction stream helpers live in send.mjs; re-exported for the rollup tests.
export { batched, sendAll } from './send.mjs';
