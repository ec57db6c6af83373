// Streams of signed transactions over JSON-RPC, shared by the crash and rollup tests.
import { devKeys, freshAddress, GWEI, signTx } from './chain.mjs';
import { rpcBatchResults, rpcCall, sleep } from './rpc.mjs';

// Errors that mean "not now" (pool limits while blocks catch up): retry after a pause.
const RETRYABLE = /account limit exceeded|txpool is full|nonce too (high|far)/;

// Sends `items` ({raw, hash}) in order with `inFlight` workers; marks item.state 'acked' (with
// item.ackedAt) once the node returned its hash. `shouldStop()` ends the stream early; errors
// matching `tolerate(item)` + "already known|nonce too low" mean it got in before a crash.
// A connection failure while stopping marks the item 'unknown'.
export async function sendAll(url, items, { inFlight = 8, shouldStop = () => false, onAck = () => {}, tolerate = null } = {}) {
  let next = 0;
  async function worker() {
    while (next < items.length && !shouldStop()) {
      const item = items[next++];
      item.state = 'inflight';
      for (;;) {
        let answer;
        try {
          answer = await rpcCall(url, 'eth_sendRawTransaction', [item.raw]);
        } catch (e) {
          item.state = 'unknown';
          if (shouldStop()) return;
          throw e;
        }
        if (answer.result !== undefined) {
          if (answer.result !== item.hash) throw new Error(`tx ${item.i}: node returned ${answer.result}, want ${item.hash}`);
          item.state = 'acked';
          item.ackedAt = Date.now();
          onAck(item);
          break;
        }
        const message = answer.error.message;
        if (RETRYABLE.test(message)) {
          await sleep(50);
          continue;
        }
        if (tolerate && tolerate(item) && /already known|nonce too low/.test(message)) {
          item.state = 'acked-before-crash';
          break;
        }
        throw new Error(`tx ${item.i} (${item.hash}) rejected: ${answer.error.code} ${message}`);
      }
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker));
}

// Fetches a JSON-RPC method for many params lists, 100 per batch.
export async function batched(url, method, paramsList) {
  const out = [];
  for (let k = 0; k < paramsList.length; k += 100) {
    const chunk = paramsList.slice(k, k + 100).map((params) => [method, params]);
    out.push(...(await rpcBatchResults(url, chunk)));
  }
  return out;
}

// `total` EIP-1559 transfers on the L2 (chain 901) from `senders` dev accounts in turn (so
// each sender's nonces run 0, 1, 2, ...), to `recipients` fresh addresses named by `tag`.
export function signTransfers({ total, senders, tag, recipients }) {
  const keys = devKeys(senders);
  return Array.from({ length: total }, (_, i) => {
    const fields = {
      chainId: 901n,
      nonce: Math.floor(i / senders),
      to: freshAddress(tag, i % recipients),
      value: 10n ** 12n + BigInt(i),
      gasLimit: 21000n,
      maxFeePerGas: 5n * GWEI,
      maxPriorityFeePerGas: GWEI / 10n,
    };
    return { i, state: 'unsent', ...signTx(keys[i % senders].signingKey, fields) };
  });
}
