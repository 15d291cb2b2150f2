#!/usr/bin/env node
// Studio figures for docs/benchmarks.md: the page's weight (each file as served, and gzip -9 of it) and its time
// to interactive in headless chromium (SwiftShader WebGL), cold cache every run: navigation start → the page's
// scripts done and its controls wired (body[data-ready]), with the browser's own domInteractive and load times.
//
// Usage: node bench-studio.mjs BASE_URL [RUNS]     e.g. node bench-studio.mjs http://127.0.0.1:8080 9
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { launchOptions } from './browser.mjs';

const [base, runsArgument] = process.argv.slice(2);
if (!base) {
  console.error('usage: node bench-studio.mjs BASE_URL [RUNS]');
  process.exit(2);
}
const runs = Number.parseInt(runsArgument ?? '9', 10);

// weight: the page and every file it names, as the server sends them
const html = await (await fetch(base + '/')).text();
const files = [{ path: '/', bytes: Buffer.from(html) }];
for (const [, path] of html.matchAll(/(?:src|href)="(\/static\/[^"]+)"/g)) {
  files.push({ path, bytes: Buffer.from(await (await fetch(base + path)).arrayBuffer()) });
}
const weight = files.map(({ path, bytes }) => ({ path, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }));
const js = weight.filter((f) => f.path.endsWith('.js'));

const browser = await chromium.launch(launchOptions());
const samples = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(base + '/');
    await page.waitForSelector('body[data-ready="true"]');
    samples.push(await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return { ready: performance.now(), domInteractive: nav.domInteractive, load: nav.loadEventEnd };
    }));
    await context.close();
  }
} finally {
  await browser.close();
}

const stats = (name) => {
  const values = samples.map((s) => s[name]).sort((a, b) => a - b);
  return { min: Math.round(values[0]), median: Math.round(values[Math.floor(values.length / 2)]),
    max: Math.round(values.at(-1)) };
};
console.log(JSON.stringify({
  weight,
  jsGzipBytes: js.reduce((sum, f) => sum + f.gzip, 0),
  totalGzipBytes: weight.reduce((sum, f) => sum + f.gzip, 0),
  runs,
  readyMs: stats('ready'),
  domInteractiveMs: stats('domInteractive'),
  loadMs: stats('load'),
}, null, 1));
