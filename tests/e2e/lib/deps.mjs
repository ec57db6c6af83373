// The npm packages the tests need (ethers, solc) live in the repository's node_modules,
// installed by `npm ci --ignore-scripts`. They are imported dynamically, after a check, so
// that a missing install fails the test with that instruction instead of a module-resolution
// stack trace.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function requirePackage(pkg) {
  if (!existsSync(join(repoRoot, 'node_modules', pkg, 'package.json'))) {
    console.error(
      `error: the npm package "${pkg}" is not installed in ${join(repoRoot, 'node_modules')}.\n` +
        `Run \`npm ci --ignore-scripts\` in ${repoRoot} (the Makefile does this before the tests).`,
    );
    process.exit(1);
  }
}

requirePackage('ethers');
export const { ethers } = await import('ethers');

// solc is large (its compiler is a 9 MB asm.js file): only the tests that compile load it.
export async function loadSolc() {
  requirePackage('solc');
  return (await import('solc')).default;
}

export function anvilPath() {
  requirePackage('@foundry-rs/anvil-linux-amd64');
  return join(repoRoot, 'node_modules', '@foundry-rs', 'anvil-linux-amd64', 'bin', 'anvil');
}
