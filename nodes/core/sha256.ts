// SHA-256 of a text, for idempotency keys and request ids. Nodes are isomorphic, so
// Web Crypto is the portable way — but in Node each `crypto.subtle.digest` is a job
// on the libuv thread pool: ~18 µs a call, 1.8 s of engine CPU per 100k records in
// the bench (issue 6). Where Node's own hash is at hand it is used instead (same
// bytes, synchronous, ~1 µs); the browser keeps Web Crypto. Node's one-shot `crypto.hash` (Node 20.12+)
// skips the Hash object a `createHash` makes per call: 0.5 µs instead of 1.6 µs a key, measured on the
// bench's customers (a tenth of the engine's hashing time went into constructing Hash objects).
interface NodeHash {
  update(s: string, enc: 'utf8'): NodeHash;
  digest(): Uint8Array;
  digest(enc: 'hex'): string;
}
type NodeCrypto = {
  createHash(alg: 'sha256'): NodeHash;
  hash?: (alg: 'sha256', data: string, encoding: 'hex') => string;
};

const nodeCrypto: NodeCrypto | undefined = (() => {
  const p = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return typeof p?.getBuiltinModule === 'function'
    ? (p.getBuiltinModule('node:crypto') as NodeCrypto | undefined)
    : undefined;
})();

/** The SHA-256 digest of `text` (UTF-8). */
export async function sha256(text: string): Promise<Uint8Array> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(text, 'utf8').digest();
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** The SHA-256 digest of `text` (UTF-8) as lowercase hex (Node's own hex when there: no string built a character at a time). */
export async function sha256Hex(text: string): Promise<string> {
  return sha256HexNow(text) ?? toHex(await sha256(text));
}

/** The SHA-256 hex digest of `text` (UTF-8) at once, where Node's hash is at hand; undefined where only Web Crypto is. */
export function sha256HexNow(text: string): string | undefined {
  if (nodeCrypto?.hash) return nodeCrypto.hash('sha256', text, 'hex');
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
  return undefined;
}

const HEX = '0123456789abcdef';
/** Lowercase hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += HEX[b >> 4] + HEX[b & 15];
  return hex;
}
