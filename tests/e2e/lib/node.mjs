// Starting and stopping node processes (optimist-sequencer, anvil) for end-to-end tests and benchmarks.
//
// Only Node built-ins are used here, so this module loads even when node_modules is missing
// (the tests then report how to install it; see deps.mjs).
import { spawn } from 'node:child_process';
import net from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rpc } from './rpc.mjs';

// Every child started here, so that an unexpected exit of the test process (a failed
// assertion, an uncaught exception) does not leave a node running on the machine.
const children = new Set();
process.on('exit', () => {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
});

// The sequencer binary: --sequencer PATH on the command line, else $OPTIMIST_SEQUENCER, else
// the default build directory. Fails with a message that says how to pass it.
export function sequencerPath(argv = process.argv) {
  const i = argv.indexOf('--sequencer');
  const candidate = i >= 0 ? argv[i + 1] : process.env.OPTIMIST_SEQUENCER ?? 'build/tools/sequencer/optimist-sequencer';
  const path = resolve(candidate ?? '');
  if (!candidate || !existsSync(path)) {
    throw new Error(
      `optimist-sequencer not found at ${path}: pass --sequencer PATH or set OPTIMIST_SEQUENCER`,
    );
  }
  return path;
}

// The value following `--name` on the command line, or `fallback`.
export function argValue(name, fallback, argv = process.argv) {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : fallback;
}

export function makeTempDir(prefix = 'optimist-e2e-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// A timer that does not keep the process alive: deadlines must not delay a finished test.
const deadlineAfter = (ms) => new Promise((r) => setTimeout(r, ms).unref());

// Keeps the last `limit` characters of a stream, for error messages.
function tail(limit) {
  let text = '';
  return {
    push(chunk) {
      text = (text + chunk).slice(-limit);
    },
    get text() {
      return text;
    },
  };
}

// A running JSON-RPC node process: optimist-sequencer (startNode) or anvil (startAnvil).
// `argv` is its full command line after the binary; `urlPattern` finds the URL in its stdout.
export class NodeProcess {
  constructor({ name, binary, argv, urlPattern = null, url = null, datadir = null, ownsDatadir = false }) {
    this.name = name;
    this.binary = binary;
    this.argv = argv;
    this.urlPattern = urlPattern;
    this.datadir = datadir;
    this.ownsDatadir = ownsDatadir;
    this.url = url; // known in advance when the caller chose the port
    this.child = null;
    this.exited = null; // resolves to {code, signal} once the process is gone
    this.stdout = tail(16 * 1024);
    this.stderr = tail(16 * 1024);
  }

  // The last lines the node wrote to stderr (its log): attached to every startup failure.
  stderrTail(lines = 30) {
    return this.stderr.text.split('\n').slice(-lines).join('\n');
  }

  get running() {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start({ timeoutMs = 20_000 } = {}) {
    const argv = this.argv;
    const child = spawn(this.binary, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    children.add(child);
    this.exited = new Promise((resolveExit) => {
      child.on('exit', (code, signal) => {
        children.delete(child);
        resolveExit({ code, signal });
      });
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      this.stderr.push(chunk);
      if (process.env.OPTIMIST_E2E_VERBOSE) process.stderr.write(chunk);
    });

    // The URL comes from the node's banner on stdout.
    child.stdout.setEncoding('utf8');
    const urlFound = new Promise((resolveUrl) => {
      let seen = '';
      child.stdout.on('data', (chunk) => {
        this.stdout.push(chunk);
        if (this.url || !this.urlPattern) return;
        seen += chunk;
        const match = this.urlPattern.exec(seen);
        if (match) resolveUrl(match[1].startsWith('http') ? match[1] : `http://${match[1]}`);
      });
    });

    // Whichever comes first: the banner, an early exit, or the deadline.
    const early = this.exited.then(({ code, signal }) => {
      throw new Error(
        `${this.name} exited during startup (code ${code}, signal ${signal})\n` +
          `command: ${this.binary} ${argv.join(' ')}\n--- stderr tail ---\n${this.stderrTail()}`,
      );
    });
    early.catch(() => {}); // observed below; a later exit is not an unhandled rejection
    const deadline = deadlineAfter(timeoutMs).then(() => {
      throw new Error(`${this.name} printed no RPC URL within ${timeoutMs} ms\n${this.stderrTail()}`);
    });
    deadline.catch(() => {});
    if (!this.url) this.url = await Promise.race([urlFound, early, deadline]);

    // The banner is printed once the server listens, but wait for a real answer anyway:
    // that is the contract the tests rely on.
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) await early;
      try {
        const chainId = await rpc(this.url, 'eth_chainId', []);
        this.chainId = Number(chainId);
        return this;
      } catch (e) {
        if (Date.now() > until) throw new Error(`eth_chainId did not answer: ${e.message}\n${this.stderrTail()}`);
        await sleep(50);
      }
    }
  }

  // Graceful stop: SIGTERM, then SIGKILL if it does not exit in time. Returns the exit
  // status so callers can assert a clean (code 0) shutdown.
  async stop({ timeoutMs = 10_000 } = {}) {
    if (!this.running) return this.exited ? await this.exited : null;
    this.child.kill('SIGTERM');
    const result = await Promise.race([this.exited, deadlineAfter(timeoutMs).then(() => null)]);
    if (result) return result;
    this.child.kill('SIGKILL');
    await this.exited;
    throw new Error(`${this.name} did not stop within ${timeoutMs} ms of SIGTERM\n${this.stderrTail()}`);
  }

  // kill -9: no chance to flush or finish a block, which is the point of the crash test.
  async kill9() {
    if (!this.running) return this.exited ? await this.exited : null;
    this.child.kill('SIGKILL');
    return await this.exited;
  }

  // Removes the datadir if this object created it.
  cleanup() {
    if (this.running) this.child.kill('SIGKILL');
    if (this.ownsDatadir && this.datadir && !process.env.OPTIMIST_E2E_KEEP) rmSync(this.datadir, { recursive: true, force: true });
  }
}

// Starts a sequencer and waits until it answers eth_chainId.
//   binary:  path to optimist-sequencer (default: sequencerPath())
//   datadir: reuse this directory (a restart); default a fresh temp dir removed by cleanup()
//   args:    extra command-line options, e.g. ['--block-time', '0.2']
export async function startNode({ binary = sequencerPath(), datadir, args = [], timeoutMs } = {}) {
  const ownsDatadir = datadir === undefined;
  const dir = datadir ?? makeTempDir();
  const node = new NodeProcess({
    name: 'optimist-sequencer',
    binary,
    // The banner line is "  RPC URL    http://127.0.0.1:PORT".
    argv: ['--datadir', dir, '--http.port', '0', ...args],
    urlPattern: /RPC URL\s+(http:\/\/\S+)/,
    datadir: dir,
    ownsDatadir,
  });
  return start(node, timeoutMs);
}

// A TCP port that was free a moment ago (the kernel's pick for port 0).
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

// Starts anvil (the reference node of the benchmark) on a free port, quiet (-q: its
// per-transaction console output would cost CPU the measurement shares). Quiet anvil prints
// no banner, so the port is chosen here and readiness is eth_chainId answering.
export async function startAnvil({ binary, args = [], timeoutMs } = {}) {
  const port = await freePort();
  const node = new NodeProcess({
    name: 'anvil',
    binary,
    argv: ['--port', String(port), '--host', '127.0.0.1', '-q', ...args],
    url: `http://127.0.0.1:${port}`,
  });
  return start(node, timeoutMs);
}

async function start(node, timeoutMs) {
  try {
    await node.start({ timeoutMs });
  } catch (e) {
    node.cleanup();
    throw e;
  }
  return node;
}
