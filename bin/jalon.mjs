#!/usr/bin/env node
// Jalon runs its TypeScript sources directly on Node 24 (type stripping), no build step.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(
    `jalon: Node ${process.versions.node} is too old; run it through npm (npm start, npx jalon) to use the project's Node 24.`,
  );
  process.exit(1);
}
// Caches compiled modules (type stripping included) between runs: a warm start is several times faster.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
