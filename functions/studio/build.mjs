#!/usr/bin/env node
// Bundles the studio page: src/main.js (three.js included) and src/styles.css into content-hashed files under
// <out>/static/, then writes <out>/index.html naming them. Nothing is fetched at run time (no CDN), and no script
// or style is inline, so the page runs under the app's strict Content-Security-Policy.
//
// Usage: node build.mjs OUT_DIR      (Maven passes target/classes/META-INF/resources)
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? path.join(here, 'target/classes/META-INF/resources'));
const staticDir = path.join(out, 'static');

await rm(staticDir, { recursive: true, force: true });
await mkdir(staticDir, { recursive: true });

const result = await build({
  entryPoints: { studio: path.join(here, 'src/main.js'), styles: path.join(here, 'src/styles.css') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  entryNames: '[name]-[hash]',
  outdir: staticDir,
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});

// the entry point's hashed output name, by the entry's source file
function outputOf(source) {
  const entry = Object.entries(result.metafile.outputs)
    .find(([, output]) => output.entryPoint && path.resolve(output.entryPoint) === path.join(here, source));
  if (!entry) {
    throw new Error('no output for ' + source);
  }
  return '/static/' + path.basename(entry[0]);
}

const html = (await readFile(path.join(here, 'src/index.html'), 'utf8'))
  .replace('%STUDIO_JS%', outputOf('src/main.js'))
  .replace('%STUDIO_CSS%', outputOf('src/styles.css'));
if (html.includes('%STUDIO_')) {
  throw new Error('src/index.html names a bundle build.mjs does not make');
}
await writeFile(path.join(out, 'index.html'), html);
console.log('studio: ' + Object.keys(result.metafile.outputs).map((f) => path.basename(f)).join(', ') + ' → ' + out);
