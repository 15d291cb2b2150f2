#!/usr/bin/env node
// End-to-end check of the studio in Debian's chromium (playwright-core drives it; WebGL on the CPU through
// SwiftShader). Run by StudioBrowserIntegrationTests against the real app; prints one JSON line of findings, which
// the test judges, and leaves screenshots and the downloaded GLB in OUT_DIR.
//
// Usage: node studio-e2e.mjs BASE_URL API_KEY IMAGE OVERSIZED_IMAGE OUT_DIR
// Environment: CHROMIUM (default /usr/bin/chromium), GLTF_VALIDATE (scripts/gltf-validate/validate.mjs).
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { canvasCoverage, launchOptions } from './browser.mjs';

const [base, apiKey, image, oversized, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node studio-e2e.mjs BASE_URL API_KEY IMAGE OVERSIZED_IMAGE OUT_DIR');
  process.exit(2);
}
await mkdir(out, { recursive: true });
const STEP_TIMEOUT = 60_000;
const findings = { steps: [], consoleErrors: [], pageErrors: [] };
const step = (name, data = {}) => findings.steps.push({ name, ...data });

const browser = await chromium.launch(launchOptions());
try {
  const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await desktop.newPage();
  watchConsole(page, 'desktop');
  page.setDefaultTimeout(STEP_TIMEOUT);
  // listening from the start: Playwright turns Chromium's file-chooser interception on asynchronously when the
  // first listener is added, and one added together with the key press missed the dialog on a loaded machine
  const chooserOpened = new Promise((resolve) => page.once('filechooser', resolve));

  const response = await page.goto(base + '/');
  findings.csp = response.headers()['content-security-policy'] ?? null;
  await page.waitForSelector('body[data-ready="true"]');
  findings.timeToInteractiveMs = await page.evaluate(() => Math.round(performance.now()));

  // keyboard only: Tab to the key field, type it, Enter; Tab to the file input, open the chooser with Space
  await page.keyboard.press('Tab'); // the skip link
  findings.skipLinkFocused = await page.evaluate(() => document.activeElement?.className === 'skip');
  findings.focusOutline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  await tabTo(page, '#api-key');
  await page.keyboard.type(apiKey);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.getElementById('key-state').textContent.includes('key is set'));
  findings.keyInUrl = page.url().includes(apiKey);
  findings.keyInSessionStorage = await page.evaluate(() => sessionStorage.getItem('orfeas.apiKey') !== null);
  await tabTo(page, '#image');
  await page.keyboard.press('Space');
  const chooser = await within(chooserOpened, STEP_TIMEOUT, 'the file chooser to open');
  await chooser.setFiles(image);
  await page.waitForSelector('#picture:not([hidden])');
  findings.previewShownAtOnce = await page.evaluate(() => document.getElementById('picture').src.startsWith('blob:'));
  step('picked by keyboard');

  // choose draft quality with the keyboard too, then start with Enter on the button
  await tabTo(page, '#quality');
  await page.keyboard.press('Home'); // "Draft" is the first option
  findings.quality = await page.evaluate(() => document.getElementById('quality').value);
  // a face budget of this run's own: a new mesh (not one an earlier test made from the same photo), so it is the
  // newest in the gallery
  findings.facesAsked = 2000 + Math.floor(Math.random() * 2000);
  await tabTo(page, '#faces');
  await page.keyboard.type(String(findings.facesAsked));
  await tabTo(page, '#generate');
  const percents = [];
  await page.exposeFunction('reportPercent', (value) => percents.push(value));
  await page.evaluate(() => {
    const bar = document.getElementById('progress');
    new MutationObserver(() => window.reportPercent(bar.value)).observe(bar, { attributes: true });
  });
  await page.keyboard.press('Enter');
  await page.waitForSelector('#progress-box[data-state="done"], #message:not([hidden])');
  findings.message = await messageText(page);
  findings.percents = percents;
  findings.finalPercent = await page.evaluate(() => document.getElementById('progress').value);
  findings.stagesShown = await page.$$eval('#stages li', (items) => items.map((i) => i.dataset.stage));
  await page.waitForSelector('#viewer[data-mesh]');
  findings.meshId = await page.getAttribute('#viewer', 'data-mesh');
  findings.stats = await page.evaluate(() => Object.fromEntries(['faces', 'closed', 'foreground', 'timings']
    .map((name) => [name, document.getElementById('stat-' + name).textContent])));
  await page.waitForTimeout(500); // a few frames of the turntable
  findings.canvasCoverage = await canvasCoverage(page);
  step('generated', { meshId: findings.meshId });

  // the download button, by keyboard; the file is judged by the Khronos validator
  await tabTo(page, 'button.download[data-file="model.glb"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const glb = path.join(out, 'studio-download.glb');
  await download.saveAs(glb);
  findings.downloadName = download.suggestedFilename();
  findings.validator = await validate(glb);

  // preview controls by keyboard: wireframe on and off
  await tabTo(page, '#wireframe');
  await page.keyboard.press('Enter');
  findings.wireframePressed = await page.getAttribute('#wireframe', 'aria-pressed');
  await page.keyboard.press('Enter');
  // turntable off, then the arrow keys on the focused canvas turn the camera around the model
  await tabTo(page, '#turntable');
  await page.keyboard.press('Enter');
  findings.turntablePressed = await page.getAttribute('#turntable', 'aria-pressed');
  await page.focus('#canvas');
  await page.keyboard.press('ArrowLeft');
  const before = await page.getAttribute('#canvas', 'data-view');
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('ArrowLeft');
  }
  await page.keyboard.press('+');
  findings.keyboardView = { before, after: await page.getAttribute('#canvas', 'data-view') };

  // the gallery lists the new mesh
  await page.waitForSelector(`#gallery button[data-mesh="${findings.meshId}"]`);
  findings.galleryListsMesh = true;
  await page.screenshot({ path: path.join(out, 'studio-desktop.png'), fullPage: true });
  step('desktop screenshot');

  // an oversized picture: the problem's message, in the page's words
  await page.setInputFiles('#image', oversized);
  await page.click('#generate');
  await page.waitForSelector('#message:not([hidden])');
  findings.oversized = { text: await messageText(page), problem: await page.getAttribute('#message', 'data-problem') };
  step('oversized');

  // a phone: the gallery reopens the mesh in a fresh tab (the key entered once per tab)
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
    isMobile: true, hasTouch: true });
  const mobile = await phone.newPage();
  watchConsole(mobile, 'phone');
  mobile.setDefaultTimeout(STEP_TIMEOUT);
  await mobile.goto(base + '/');
  await mobile.waitForSelector('body[data-ready="true"]');
  await mobile.fill('#api-key', apiKey);
  await mobile.click('#key-form button[type="submit"]');
  await mobile.click(`#gallery button[data-mesh="${findings.meshId}"]`);
  await mobile.waitForSelector(`#viewer[data-mesh="${findings.meshId}"]`);
  await mobile.waitForTimeout(500);
  findings.phoneCanvasCoverage = await canvasCoverage(mobile);
  findings.phoneOverflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await mobile.screenshot({ path: path.join(out, 'studio-phone.png'), fullPage: true });
  step('phone screenshot');
} catch (error) {
  findings.error = String(error?.stack ?? error);
} finally {
  await browser.close();
}
console.log(JSON.stringify(findings));

function watchConsole(page, label) {
  page.on('console', (message) => {
    if (message.type() === 'error') {
      findings.consoleErrors.push({ page: label, text: message.text(), url: message.location()?.url ?? '' });
    }
  });
  page.on('pageerror', (error) => findings.pageErrors.push({ page: label, text: String(error) }));
}

/** Presses Tab until the element matching selector has the focus (at most 40 times). */
async function tabTo(page, selector) {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached ' + selector);
}

async function messageText(page) {
  return page.evaluate(() => {
    const box = document.getElementById('message');
    return box.hidden ? null : box.textContent;
  });
}

async function validate(file) {
  const script = process.env.GLTF_VALIDATE;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, file]);
    return JSON.parse(stdout.trim().split('\n').pop());
  } catch (error) {
    return error.stdout ? JSON.parse(error.stdout.trim().split('\n').pop()) : { errors: -1, messages: [String(error)] };
  }
}

/** The promise's value, or an error naming what did not happen within ms. */
async function within(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
