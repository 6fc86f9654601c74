#!/usr/bin/env node
// Runs src/main.ts on Node 24 (TypeScript by type stripping). Where the machine's Node is older,
// the `node` devDependency supplies Node 24 and this launcher hands over to it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const major = Number(process.versions.node.split('.')[0]);

if (major >= 24) {
  await import(main);
} else {
  const bundledNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(bundledNode)) {
    console.error(`Shuzhi needs Node.js 24 or later (this is ${process.version}). Run "npm install" first.`);
    process.exit(1);
  }
  const child = spawn(bundledNode, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
