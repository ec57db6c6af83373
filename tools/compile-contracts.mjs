#!/usr/bin/env node
// Compiles contracts/*.sol with the pinned solc (node_modules/solc, the pure-JS compiler) and
// writes contracts/artifacts/<Name>.json for every file <Name>.sol that defines a contract
// <Name> with bytecode (interfaces get none). The C++ build embeds those committed artifacts
// (src/workload/CMakeLists.txt), so it never needs Node.
//
//   node tools/compile-contracts.mjs           write the artifacts
//   node tools/compile-contracts.mjs --check   compile in memory; exit 1 if any committed
//                                              artifact differs, is missing or is extra
//
// The output must be identical on every machine: the settings are fixed here, sources are
// given by their repository-relative path (the metadata names them), and the metadata hash
// is left out of the bytecode (bytecodeHash "none"), so only the compiler version is
// appended to the code.
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const contractsDir = join(repoRoot, 'contracts');
const artifactsDir = join(contractsDir, 'artifacts');

const SETTINGS = {
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 200 },
  metadata: { bytecodeHash: 'none' },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};

function die(message) {
  console.error(`compile-contracts: ${message}`);
  process.exit(1);
}

async function loadSolc() {
  if (!existsSync(join(repoRoot, 'node_modules', 'solc', 'package.json'))) {
    die(`node_modules/solc is not installed: run \`make js-deps\` (npm ci --ignore-scripts) in ${repoRoot}`);
  }
  const solc = (await import('solc')).default;
  // Another compiler version gives other bytecode: say so instead of reporting stale artifacts.
  const pinned = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).devDependencies.solc;
  if (!solc.version().startsWith(`${pinned}+`)) {
    die(`node_modules has solc ${solc.version()}, package.json pins ${pinned}: run \`make js-deps\``);
  }
  return solc;
}

// Source keys are repository-relative ("contracts/Token.sol") so the compiled metadata does
// not depend on where the repository is checked out.
function readSources() {
  const sources = {};
  for (const file of readdirSync(contractsDir).filter((f) => f.endsWith('.sol')).sort()) {
    sources[`contracts/${file}`] = { content: readFileSync(join(contractsDir, file), 'utf8') };
  }
  if (Object.keys(sources).length === 0) die(`no .sol files in ${contractsDir}`);
  return sources;
}

// Imports are relative to the importing file, which solc resolves to "contracts/X.sol";
// every such file is already in the input, so nothing outside contracts/ is ever read.
function findImport(path) {
  return { error: `import of ${path}: only files in contracts/ may be imported` };
}

// Returns a map of artifact file name -> file text.
function compile(solc) {
  const sources = readSources();
  const input = { language: 'Solidity', sources, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  // Warnings fail the build too, as they do for the C++ (-Werror).
  const problems = (output.errors ?? []).filter((e) => e.severity !== 'info');
  if (problems.length) die(`solc reported:\n${problems.map((e) => e.formattedMessage).join('\n')}`);

  const version = solc.version();
  const artifacts = new Map();
  for (const source of Object.keys(sources)) {
    const name = source.slice('contracts/'.length, -'.sol'.length);
    const contract = output.contracts?.[source]?.[name];
    if (!contract) die(`${source} must define a contract, interface or library named ${name}`);
    if (!contract.evm.bytecode.object) continue;  // an interface (or abstract contract)
    // Key order is the file's order: JSON.stringify keeps insertion order.
    const artifact = {
      contract: name,
      source,
      solc: version,
      abi: contract.abi,
      bytecode: `0x${contract.evm.bytecode.object}`,
      deployedBytecode: `0x${contract.evm.deployedBytecode.object}`,
    };
    artifacts.set(`${name}.json`, `${JSON.stringify(artifact, null, 2)}\n`);
  }
  return artifacts;
}

function committedArtifacts() {
  if (!existsSync(artifactsDir)) return [];
  return readdirSync(artifactsDir).filter((f) => f.endsWith('.json')).sort();
}

function check(artifacts) {
  const differences = [];
  for (const [file, text] of artifacts) {
    const path = join(artifactsDir, file);
    if (!existsSync(path)) differences.push(`missing: contracts/artifacts/${file}`);
    else if (readFileSync(path, 'utf8') !== text) differences.push(`stale: contracts/artifacts/${file}`);
  }
  for (const file of committedArtifacts()) {
    if (!artifacts.has(file)) differences.push(`extra (no source makes it): contracts/artifacts/${file}`);
  }
  if (differences.length) {
    die(`the committed artifacts do not match contracts/*.sol:\n  ${differences.join('\n  ')}\n` +
        'Run `make contracts` (node tools/compile-contracts.mjs) and commit contracts/artifacts/.');
  }
  console.log(`compile-contracts: ${artifacts.size} artifacts match their sources`);
}

function write(artifacts) {
  mkdirSync(artifactsDir, { recursive: true });
  for (const file of committedArtifacts()) {
    if (!artifacts.has(file)) unlinkSync(join(artifactsDir, file));
  }
  for (const [file, text] of artifacts) writeFileSync(join(artifactsDir, file), text);
  console.log(`compile-contracts: wrote ${artifacts.size} artifacts to contracts/artifacts/`);
}

const args = process.argv.slice(2);
if (args.some((a) => a !== '--check')) die(`usage: node tools/compile-contracts.mjs [--check]`);
const artifacts = compile(await loadSolc());
if (args.includes('--check')) check(artifacts);
else write(artifacts);
