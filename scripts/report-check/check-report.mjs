// Opens a report.html written by `sparsedrl analyze` in headless Chromium (Debian's /usr/bin/chromium
// unless CHROMIUM names another) and checks that it loads with no console error, no page error and no
// request other than the file itself (it must stand alone), and that every <figure> holds an SVG drawn
// on screen: a box of real size whose screenshot is not blank.
//   node check-report.mjs REPORT.html [--min-figures N] [--screenshot OUT.png]
// Prints one line per figure and exits 0 when all is well, 1 when something is wrong, 2 on bad usage.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
if (!file || !existsSync(file)) {
  console.error(`usage: node check-report.mjs REPORT.html [--min-figures N] [--screenshot OUT.png] (${file ?? 'no file'} not found)`);
  process.exit(2);
}
const minFigures = Number(option('--min-figures', '1'));
const screenshot = option('--screenshot', null);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const url = pathToFileURL(resolve(file)).href;

// The flags that work on a closed network, as root, without a GPU.
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (r.url() !== url) problems.push(`request outside the file: ${r.url()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response || !response.ok()) problems.push(`could not load ${url}`);

  // Decodes a screenshot in a blank page: counts pixels that are not white and distinct colours.
  const decoder = await browser.newPage();
  const inkOf = (png) => decoder.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, img.width, img.height).data;
    let ink = 0;
    const colours = new Set();
    for (let i = 0; i < px.length; i += 4) {
      if (px[i] < 240 || px[i + 1] < 240 || px[i + 2] < 240) ink++;
      if (colours.size < 64) colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    }
    return { width: img.width, height: img.height, ink: ink / (img.width * img.height), colours: colours.size };
  }, png.toString('base64'));

  const figures = page.locator('figure');
  const count = await figures.count();
  if (count < minFigures) problems.push(`${count} figures, expected at least ${minFigures}`);
  for (let i = 0; i < count; i++) {
    const figure = figures.nth(i);
    const caption = ((await figure.locator('figcaption').textContent()) ?? '').trim();
    const svg = figure.locator('svg');
    if ((await svg.count()) !== 1) {
      problems.push(`figure ${i + 1} (${caption}): ${await svg.count()} svg elements, expected 1`);
      continue;
    }
    await svg.scrollIntoViewIfNeeded();
    const box = await svg.boundingBox();
    if (!box || box.width < 100 || box.height < 100) {
      problems.push(`figure ${i + 1} (${caption}): drawn box ${JSON.stringify(box)} is too small`);
      continue;
    }
    const ink = await inkOf(await svg.screenshot());
    const line = `figure ${i + 1}: ${Math.round(box.width)}x${Math.round(box.height)} px, `
      + `${(100 * ink.ink).toFixed(1)}% ink, ${ink.colours >= 64 ? '64+' : ink.colours} colours: ${caption}`;
    console.log(line);
    if (ink.ink < 0.01 || ink.colours < 3) problems.push(`figure ${i + 1} (${caption}) is blank: ${line}`);
  }
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: false });
} finally {
  await browser.close();
}
if (problems.length > 0) {
  for (const p of problems) console.error(`report check: ${p}`);
  process.exit(1);
}
console.log(`report check: ${file} loads with no console error and no outside request; every figure is drawn`);
