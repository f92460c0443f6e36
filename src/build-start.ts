// Builds what `npm start` runs (its first step, before node): src/main.ts and the audit-verification
// worker as ES modules in dist/, xiufu's own code bundled, its packages left to node_modules.
// Running the bundle with plain node, rather than TypeScript through tsx's module hooks, spares
// the process tsx's loader thread and the per-file module records: part of keeping the API under
// 200 MiB (docs/PERFORMANCE.md, issue 17). Files that ship beside the code are found from the
// checkout's root (src/config/app-root.ts), so the bundle reads the same ones as the sources.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { appPath } from './config/app-root.js';

const started = performance.now();
const { outputFiles } = await build({
  entryPoints: [appPath('src/main.ts'), appPath('src/services/audit-verify.worker.ts')],
  outdir: appPath('dist'),
  entryNames: '[name]',
  // Modules imported only when first needed (the PDF renderer) stay apart, in chunks loaded then.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  write: false,
});
// Two processes started together (`--role=api` and `--role=worker`) both build: a file whose
// content is already there is left alone, and a changed one is swapped in whole (rename), so a
// process never loads a half-written module.
let written = 0;
for (const file of outputFiles) {
  const existing = (() => {
    try {
      return readFileSync(file.path);
    } catch {
      return null;
    }
  })();
  if (existing?.equals(file.contents)) continue;
  mkdirSync(path.dirname(file.path), { recursive: true });
  const partial = `${file.path}.${process.pid}.partial`;
  writeFileSync(partial, file.contents);
  renameSync(partial, file.path);
  written += 1;
}
console.log(
  `xiufu: built dist/main.js in ${Math.round(performance.now() - started)} ms (${written} of ${outputFiles.length} files changed)`,
);
