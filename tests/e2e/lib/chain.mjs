// Chain-level helpers shared by the tests and the benchmark: the dev keys, offline signing
// and compiling the test contracts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ethers, loadSolc, repoRoot } from './deps.mjs';

export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';
export const DEV_BALANCE = 10_000n * 10n ** 18n; // each dev account's genesis funding
export const GWEI = 10n ** 9n;

// The ten dev accounts (anvil's and hardhat's): m/44'/60'/0'/0/i of the public mnemonic.
// Derived rather than pasted, so a typo cannot make a test fund the wrong account.
export function devKeys(count = 10) {
  const mnemonic = ethers.Mnemonic.fromPhrase(DEV_MNEMONIC);
  const keys = [];
  for (let i = 0; i < count; i++) {
    const wallet = ethers.HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`);
    keys.push({ address: wallet.address, privateKey: wallet.privateKey, signingKey: wallet.signingKey });
  }
  return keys;
}

// Signs a transaction offline, synchronously (no provider round trips, which matters when a
// test pre-signs thousands). `fields` are ethers TransactionLike fields; type defaults to 2.
// Returns the wire bytes (hex) and the transaction hash.
export function signTx(signingKey, fields) {
  const tx = ethers.Transaction.from({ type: 2, ...fields });
  tx.signature = signingKey.sign(tx.unsignedHash);
  return { raw: tx.serialized, hash: tx.hash, tx };
}

// A deterministic fresh address for index i: nobody holds its key, and it starts empty.
export function freshAddress(tag, i) {
  return ethers.getAddress(ethers.dataSlice(ethers.id(`optimist-e2e/${tag}/${i}`), 12));
}

// Compiles tests/e2e/contracts/NAME.sol for Cancun (the sequencer's fork) and returns
// {abi, bytecode}. Compilation errors fail loudly with solc's messages.
export async function compileContract(name) {
  const solc = await loadSolc();
  const file = `${name}.sol`;
  const input = {
    language: 'Solidity',
    sources: { [file]: { content: readFileSync(join(repoRoot, 'tests', 'e2e', 'contracts', file), 'utf8') } },
    settings: {
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length) throw new Error(`solc failed on ${file}:\n${errors.map((e) => e.formattedMessage).join('\n')}`);
  const contract = output.contracts[file][name];
  return { abi: contract.abi, bytecode: '0x' + contract.evm.bytecode.object };
}

// keccak256 of an RLP-encoded trie node given as hex: a node's hash, as its parent (or the
// block header, for the root) refers to it.
export function nodeHash(nodeHex) {
  return ethers.keccak256(nodeHex);
}
