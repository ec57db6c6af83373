// Plain JSON-RPC over HTTP with Node's built-in fetch. The tests use this instead of an
// ethers provider wherever they need the exact wire behaviour: error codes, messages,
// HTTP status, batches and malformed bodies that a client library would refuse to send.

let nextId = 1;

// A JSON-RPC error answer, with the fields of the error object.
export class RpcError extends Error {
  constructor(method, error) {
    super(`${method}: ${error.code} ${error.message}`);
    this.code = error.code;
    this.rpcMessage = error.message;
    this.data = error.data;
  }
}

// POSTs `body` (a string sent as is, or a value JSON-encoded) and returns the HTTP status,
// the raw text and the parsed JSON (undefined when the body is not JSON).
export async function post(url, body, { method = 'POST', headers = {}, signal } = {}) {
  const init = { method, headers: { 'content-type': 'application/json', ...headers }, signal };
  if (method !== 'GET' && method !== 'HEAD') init.body = typeof body === 'string' ? body : JSON.stringify(body);
  const response = await fetch(url, init);
  const text = await response.text();
  let json;
  try {
    json = text.length ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

// One call; returns the whole response object ({result} or {error}).
export async function rpcCall(url, method, params = []) {
  const id = nextId++;
  const { status, json, text } = await post(url, { jsonrpc: '2.0', id, method, params });
  if (json === undefined) throw new Error(`${method}: HTTP ${status}, not JSON: ${text.slice(0, 200)}`);
  return json;
}

// One call; returns the result or throws RpcError.
export async function rpc(url, method, params = []) {
  const answer = await rpcCall(url, method, params);
  if (answer.error) throw new RpcError(method, answer.error);
  return answer.result;
}

// Several calls in one JSON-RPC batch: calls = [[method, params], ...]. Returns the answers
// in call order (the spec lets a server answer in any order; ids put them back).
export async function rpcBatch(url, calls) {
  const first = nextId;
  nextId += calls.length;
  const body = calls.map(([method, params], i) => ({ jsonrpc: '2.0', id: first + i, method, params }));
  const { status, json, text } = await post(url, body);
  if (!Array.isArray(json)) throw new Error(`batch: HTTP ${status}, not a JSON array: ${text.slice(0, 200)}`);
  const byId = new Map(json.map((answer) => [answer.id, answer]));
  return calls.map((_, i) => byId.get(first + i));
}

// rpcBatch, but results only: throws on the first error answer.
export async function rpcBatchResults(url, calls) {
  const answers = await rpcBatch(url, calls);
  return answers.map((answer, i) => {
    if (!answer) throw new Error(`batch: no answer for ${calls[i][0]}`);
    if (answer.error) throw new RpcError(calls[i][0], answer.error);
    return answer.result;
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `fn` until it returns a value other than null/undefined/false, or throws after
// `timeoutMs` with `what` in the message.
export async function waitFor(what, fn, { timeoutMs = 20_000, intervalMs = 50 } = {}) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}
