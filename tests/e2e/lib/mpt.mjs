// A Merkle Patricia Trie proof checker, written for these tests (eth_getProof answers are
// checked against the block's stateRoot rather than trusted). It walks the proof from the
// root along the key's nibbles, checking each referenced node's keccak, and returns the
// value at the key: RLP bytes as hex, or null when the proof shows the key is absent.
import { ethers } from './deps.mjs';

function nibbles(hex) {
  const bytes = ethers.getBytes(hex);
  const out = [];
  for (const b of bytes) out.push(b >> 4, b & 15);
  return out;
}

// Hex-prefix encoding (Yellow Paper appendix C): the first nibble says leaf or extension and
// whether the path has an odd length.
function decodeHexPrefix(hex) {
  const all = nibbles(hex);
  const flag = all[0];
  if (flag > 3) throw new Error(`bad hex-prefix flag ${flag}`);
  return { leaf: flag >= 2, path: all.slice(flag % 2 === 1 ? 1 : 2) };
}

// rootHash: 0x-hex 32 bytes; key: the trie key (keccak of the address or slot) as 0x-hex;
// proof: the RLP nodes as 0x-hex, root first. Throws when the proof is not valid.
export function verifyProof(rootHash, key, proof) {
  const byHash = new Map(proof.map((node) => [ethers.keccak256(node), node]));
  const path = nibbles(key);
  let pos = 0;
  let ref = rootHash;
  for (let steps = 0; steps <= 64 + 1; steps++) {
    // A reference is a 32-byte hash of a node in the proof, or (for nodes shorter than 32
    // bytes) the node itself, inline, which decodeRlp gives as an array.
    let items;
    if (Array.isArray(ref)) {
      items = ref;
    } else {
      const node = byHash.get(ref.toLowerCase());
      if (!node) throw new Error(`proof has no node with hash ${ref}`);
      items = ethers.decodeRlp(node);
      // The empty trie's root node is the empty string (0x80): every key is absent.
      if (items === '0x') return null;
    }
    if (!Array.isArray(items)) throw new Error(`trie node is not a list: ${items}`);
    if (items.length === 17) {
      if (pos === path.length) return items[16] === '0x' ? null : items[16];
      const child = items[path[pos]];
      pos += 1;
      if (child === '0x') return null;
      ref = child;
    } else if (items.length === 2) {
      const { leaf, path: segment } = decodeHexPrefix(items[0]);
      const here = path.slice(pos, pos + segment.length);
      if (here.length !== segment.length || here.some((n, i) => n !== segment[i])) return null;
      pos += segment.length;
      if (leaf) return pos === path.length ? items[1] : null;
      ref = items[1];
    } else {
      throw new Error(`trie node with ${items.length} items`);
    }
  }
  throw new Error('proof deeper than any key');
}

// Checks an eth_getProof answer against `stateRoot`: the account proof proves exactly the
// reported nonce, balance, storageHash and codeHash, and each storage proof proves its value
// against storageHash. Returns nothing; throws on the first mismatch.
export function checkAccountProof(stateRoot, address, answer) {
  const leaf = verifyProof(stateRoot, ethers.keccak256(address), answer.accountProof);
  const emptyRoot = '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421';
  const emptyCode = ethers.keccak256('0x');
  let account;
  if (leaf === null) {
    account = { nonce: 0n, balance: 0n, storageHash: emptyRoot, codeHash: emptyCode };
  } else {
    const [nonce, balance, storageHash, codeHash] = ethers.decodeRlp(leaf);
    account = { nonce: BigInt(nonce === '0x' ? 0 : nonce), balance: BigInt(balance === '0x' ? 0 : balance), storageHash, codeHash };
  }
  const expect = (field, got, want) => {
    if (got !== want) throw new Error(`eth_getProof ${address}: ${field} is ${want} in the answer, ${got} in the proof`);
  };
  expect('nonce', account.nonce, BigInt(answer.nonce));
  expect('balance', account.balance, BigInt(answer.balance));
  expect('storageHash', account.storageHash, answer.storageHash.toLowerCase());
  expect('codeHash', account.codeHash, answer.codeHash.toLowerCase());
  for (const slot of answer.storageProof) {
    const value = verifyProof(answer.storageHash, ethers.keccak256(ethers.zeroPadValue(ethers.toBeHex(BigInt(slot.key)), 32)), slot.proof);
    const proven = value === null ? 0n : BigInt(ethers.decodeRlp(value) === '0x' ? 0 : ethers.decodeRlp(value));
    expect(`storage ${slot.key}`, proven, BigInt(slot.value));
  }
}
