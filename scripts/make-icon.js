#!/usr/bin/env node
// Renders media/icon.svg to the 128x128 media/icon.png the marketplace needs, in Debian's Chromium.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { launchBrowser } = require('./harness/codeServer');

async function main() {
  const root = path.resolve(__dirname, '..');
  const svg = fs.readFileSync(path.join(root, 'media', 'icon.svg'), 'utf8');
  const ctx = await launchBrowser(fs.mkdtempSync(path.join(os.tmpdir(), 'icon-')), { viewport: { width: 128, height: 128 } });
  try {
    const page = ctx.pages()[0];
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(root, 'media', 'icon.png'), omitBackground: true });
  } finally {
    await ctx.close();
  }
  console.log('media/icon.png written');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
