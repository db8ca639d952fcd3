#!/usr/bin/env node
// The README's Tour, made from the e2e suite's screenshots (never by hand).
// `npm run test:e2e` writes test-results/screenshots/*.png; `npm run tour` copies the chosen ones, in the
// order of the journey, into docs/tour/ (downscaled in Chromium when a picture is over MAX_BYTES) and
// rewrites README.md between the tour markers. `node scripts/tour.js --readme` rewrites only the README.
// docs/ is not shipped in the .vsix (.vscodeignore allow-lists what ships).
/* global document, Image */
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const START = '<!-- tour:start -->';
const END = '<!-- tour:end -->';
const TOUR_DIR = 'docs/tour';
const MAX_BYTES = 150 * 1024;

/** The journey: [e2e screenshot, file in docs/tour, caption]. The producing test is named for a missing shot. */
const TOUR = [
  ['01-welcome-view', '01-welcome.png', 'No backend yet: the Runs view offers **Add Backend...** and **Try the Sandbox**.', 'test/e2e/welcome.e2e.ts'],
  ['03-sandbox-backends', '02-sandbox-backends.png', 'The sandbox adds simulated KFP, ICA, ACP and Agent Protocol servers as backends.', 'test/e2e/welcome.e2e.ts'],
  ['13-experiment-run-tasks', '03-kfp-runs-tasks.png', 'Kubeflow Pipelines: experiments, runs with status and duration, and each run\'s tasks.', 'test/e2e/tree.e2e.ts'],
  ['31-run-streaming', '04-run-streaming.png', 'The run panel streams an agent run\'s events as they arrive.', 'test/e2e/panel.e2e.ts'],
  ['34-resume-schema-error', '05-resume-schema-error.png', 'An interrupted run asks for input: the JSON is checked against the resume schema before anything is sent.', 'test/e2e/panel.e2e.ts'],
  ['35-run-resumed-succeeded', '06-run-resumed.png', 'Resumed: the panel follows the run to its end.', 'test/e2e/panel.e2e.ts'],
  ['41-langgraph-resumed-succeeded', '07-langgraph.png', 'LangGraph: a thread interrupted, resumed as a new run, streamed to success.', 'test/e2e/panel-langgraph.e2e.ts'],
  ['62-active-runs-pick', '08-status-bar.png', 'The status bar counts running runs and runs waiting for input; a click lists them to open one.', 'test/e2e/walkthrough.e2e.ts'],
  ['a11y-04-high-contrast-resume', '09-high-contrast.png', 'High-contrast and light themes, screen readers and the keyboard alone work too.', 'test/e2e/accessibility.e2e.ts'],
].map(([shot, file, caption, producer]) => ({ shot, file, caption, producer }));

function tourSection() {
  const lines = [];
  TOUR.forEach((t, i) => {
    const alt = t.caption.replace(/\*\*/g, '').replace(/[[\]]/g, '');
    lines.push(`${i + 1}. ${t.caption}`, '', `   ![${alt}](${TOUR_DIR}/${t.file})`, '');
  });
  return `_Screenshots from the end-to-end tests (\`npm run test:e2e\`, then \`npm run tour\`)._\n\n${lines.join('\n').trimEnd()}`;
}

function readmeWithTour(readme, section) {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md lacks the markers ${START} ... ${END}`);
  return `${readme.slice(0, a + START.length)}\n${section}\n${readme.slice(b)}`;
}

function expected() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  return { readme, updated: readmeWithTour(readme, tourSection()) };
}

/** PNG width and height from the IHDR chunk. */
function pngSize(buf) {
  if (buf.length < 24 || buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Downscales PNGs in Chromium (canvas, high-quality smoothing) until each fits MAX_BYTES. */
async function downscale(jobs) {
  if (!jobs.length) return;
  const { launchBrowser } = require('./harness/codeServer');
  const profile = fs.mkdtempSync(path.join(require('os').tmpdir(), 'runs-explorer-tour-'));
  const context = await launchBrowser(profile);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    for (const job of jobs) {
      const src = fs.readFileSync(job.from);
      const { width } = pngSize(src);
      let out = src;
      for (const scale of [0.8, 0.7, 0.6, 0.5]) {
        const dataUrl = await page.evaluate(
          async ({ b64, w }) => {
            const img = new Image();
            img.src = `data:image/png;base64,${b64}`;
            await img.decode();
            const h = Math.round((img.naturalHeight * w) / img.naturalWidth);
            const canvas = document.createElement('canvas');
            canvas.width = w;
            canvas.height = h;
            const ctx = canvas.getContext('2d');
            ctx.imageSmoothingEnabled = true;
            ctx.imageSmoothingQuality = 'high';
            ctx.drawImage(img, 0, 0, w, h);
            return canvas.toDataURL('image/png');
          },
          { b64: src.toString('base64'), w: Math.round(width * scale) },
        );
        out = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
        if (out.length <= MAX_BYTES) break;
      }
      fs.writeFileSync(job.to, out);
      const { width: w, height: h } = pngSize(out);
      console.log(`[tour] ${path.relative(root, job.to)}: ${w}x${h}, ${(out.length / 1024).toFixed(0)} KB (downscaled from ${(src.length / 1024).toFixed(0)} KB)`);
    }
  } finally {
    await context.close().catch(() => undefined);
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function main() {
  const { readme, updated } = expected();
  if (!process.argv.includes('--readme')) {
    const shots = process.env.RUNS_EXPLORER_SHOTS || path.join(root, 'test-results', 'screenshots');
    const missing = TOUR.filter((t) => !fs.existsSync(path.join(shots, `${t.shot}.png`)));
    if (missing.length) {
      console.error(`[tour] missing screenshots in ${shots}: ${missing.map((t) => `${t.shot}.png (${t.producer})`).join(', ')}; run npm run test:e2e first`);
      process.exit(1);
    }
    const dir = path.join(root, TOUR_DIR);
    fs.mkdirSync(dir, { recursive: true });
    const keep = new Set(TOUR.map((t) => t.file));
    for (const f of fs.readdirSync(dir)) if (f.endsWith('.png') && !keep.has(f)) fs.rmSync(path.join(dir, f));
    const big = [];
    for (const t of TOUR) {
      const from = path.join(shots, `${t.shot}.png`);
      const to = path.join(dir, t.file);
      const size = fs.statSync(from).size;
      if (size > MAX_BYTES) big.push({ from, to });
      else {
        fs.copyFileSync(from, to);
        console.log(`[tour] ${path.relative(root, to)}: ${(size / 1024).toFixed(0)} KB`);
      }
    }
    await downscale(big);
  }
  fs.writeFileSync(path.join(root, 'README.md'), updated);
  console.log(updated === readme ? '[tour] README Tour already current' : '[tour] README Tour updated');
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`[tour] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}

module.exports = { TOUR, TOUR_DIR, START, END, tourSection, readmeWithTour, expected };
