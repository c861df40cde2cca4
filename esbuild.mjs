// Bundles the client, the server and the CLI into dist/ (one file each, no node_modules needed at run time).
import * as esbuild from 'esbuild';
import * as fs from 'fs';
import { readFileSync } from 'fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // the model ships as files next to the bundle; JSON imports are inlined
  loader: { '.json': 'json' },
  define: { BYLINE_VERSION: JSON.stringify(pkg.version) },
};

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/server/server.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

// the trained name model is read at run time from next to the bundle (src/server/model/load.ts)
fs.mkdirSync('dist', { recursive: true });
// only when it changed, so a process reading the model while another build runs never sees a half-written file
const sameModel = fs.existsSync('dist/ner.bin') && fs.readFileSync('dist/ner.bin').equals(fs.readFileSync('src/server/model/ner.bin'));
if (!sameModel) fs.copyFileSync('src/server/model/ner.bin', 'dist/ner.bin');

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
