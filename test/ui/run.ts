// UI end to end: the packaged byline.vsix installed into code-server and driven like a user would, in
// headless Chromium — open an article, hover a name, read the Problems panel and the Outline, run
// "Byline: Next Quote" from the command palette. Screenshots go to --screenshots (docs/images for the README).
//
//   npm run compile && npm run package && node out/test/ui/run.js --vsix byline.vsix [--screenshots docs/images]
//     [--results FILE]
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import {
  LayerResult, REPO, codeServerPackage, makeDataDir, openBrowser, startServer, workbenchUrl, writeResult,
} from '../../scripts/code-server';

const FOLDER = path.join(REPO, 'test', 'fixtures', 'e2e');
const ARTICLE = 'transit-strike.news';
const STEP_TIMEOUT = 45_000;

interface Args { vsix: string; screenshots: string; results?: string }

function parseArgs(argv: string[]): Args {
  const args: Args = { vsix: path.join(REPO, 'byline.vsix'), screenshots: path.join(REPO, 'out', 'ui-screenshots') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--vsix') args.vsix = path.resolve(value);
    else if (flag === '--screenshots') args.screenshots = path.resolve(value);
    else if (flag === '--results') args.results = path.resolve(value);
    else throw new Error(`unknown argument ${flag}`);
  }
  return args;
}

/** 1-based line and column of `needle` (+ `shift` characters) in the article, as "Go to Line" wants them. */
function lineColumn(text: string, needle: string, shift = 0): { line: number; column: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`fixture lacks "${needle}"`);
  const before = text.slice(0, offset + shift);
  const line = before.split('\n').length;
  return { line, column: offset + shift - before.lastIndexOf('\n') };
}

/** Runs a command through F1 and the palette (browser-reserved chords never reach the page). */
async function palette(page: Page, command: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await input.fill(`>${command}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first();
  await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
}

async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await input.fill(`:${line}:${column}`);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT });
}

/** "Ln 7, Col 1" from the status bar. */
async function cursorLine(page: Page): Promise<number> {
  const label = await page.locator('#status\\.editor\\.selection').innerText({ timeout: STEP_TIMEOUT });
  const match = /Ln (\d+)/.exec(label);
  if (!match) throw new Error(`no cursor position in the status bar: "${label}"`);
  return Number(match[1]);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const result: LayerResult = { layer: 'ui', passed: 0, failed: 0, pending: 0, seconds: 0, failures: [] };
  if (!fs.existsSync(args.vsix)) throw new Error(`no package at ${args.vsix}: run npm run package`);
  fs.mkdirSync(args.screenshots, { recursive: true });
  const text = fs.readFileSync(path.join(FOLDER, ARTICLE), 'utf8');

  // install the package the way a user would, into this run's throwaway extensions folder
  const dataDir = makeDataDir('byline-ui-');
  const config = path.join(dataDir, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  try {
    execFileSync(process.execPath, [path.join(codeServerPackage(), 'out', 'node', 'entry.js'), '--install-extension',
      args.vsix, '--extensions-dir', path.join(dataDir, 'ext'), '--user-data-dir', path.join(dataDir, 'user'),
      '--config', config], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, TMPDIR: path.join(dataDir, 'tmp') } });
  } catch (err) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }

  const server = await startServer({
    flavour: 'code-server',
    dataDir,
    settings: {
      'editor.hover.delay': 100,
      'workbench.colorTheme': 'Default Dark Modern',
      'editor.minimap.enabled': false,
      'outline.collapseItems': 'alwaysCollapse',
      'workbench.tips.enabled': false,
      'chat.commandCenter.enabled': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
  });

  const step = async (name: string, body: () => Promise<void>): Promise<void> => {
    const t0 = Date.now();
    try {
      await body();
      result.passed++;
      console.log(`  ok   ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      result.failed++;
      const message = err instanceof Error ? err.message.split('\n').slice(0, 6).join('\n') : String(err);
      result.failures.push({ title: name, error: message });
      console.log(`  FAIL ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n       ${message.replace(/\n/g, '\n       ')}`);
    }
  };

  try {
    const context = await openBrowser(dataDir);
    const page = context.pages()[0] ?? (await context.newPage());
    // generous: on a loaded machine the first screenshot waits for the workbench's fonts
    const shot = (name: string): Promise<Buffer> =>
      page.screenshot({ path: path.join(args.screenshots, name), timeout: 120_000, animations: 'disabled' });
    try {
      await page.goto(workbenchUrl(server.port, FOLDER));

      await step('the workbench opens the folder and the article', async () => {
        await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
        const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: ARTICLE });
        await row.waitFor({ timeout: 60_000 });
        await row.click();
        await page.locator('.monaco-editor .view-lines', { hasText: 'Transit Workers Vote' }).waitFor({ timeout: STEP_TIMEOUT });
        // the language mode flips from Plain Text to News once the remote extension host has scanned the package
        const mode = page.locator('#status\\.editor\\.mode');
        try {
          await mode.filter({ hasText: /News/ }).waitFor({ timeout: 60_000 });
        } catch {
          throw new Error(`language mode is "${await mode.innerText()}", not News`);
        }
      });

      await step('the extension activates by itself: squiggles appear under findings', async () => {
        await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-info').first()
          .waitFor({ state: 'attached', timeout: 60_000 });
        await page.waitForTimeout(1500); // let semantic colouring settle for the screenshot
        await shot('editor.png');
      });

      await step('hovering a surname shows the full name', async () => {
        // a real mouse hover over the surname: semantic colouring gives "Ibarra" a span of its own
        await page.keyboard.press('Escape');
        const line = page.locator('.monaco-editor .view-line', { hasText: 'Ibarra said 94' }).first();
        const surname = line.locator('span > span', { hasText: /^Ibarra$/ }).first();
        await surname.hover({ timeout: STEP_TIMEOUT, position: { x: 4, y: 4 } });
        await surname.hover({ timeout: STEP_TIMEOUT }); // a second move: the editor hovers on mousemove
        const hover = page.locator('.monaco-editor .monaco-hover-content:visible').first();
        await hover.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
        const content = await hover.innerText();
        await shot('hover.png');
        if (!content.includes('Gloria Ibarra')) throw new Error(`hover text lacks "Gloria Ibarra":\n${content}`);
      });

      await step('the Problems panel lists Byline findings', async () => {
        await palette(page, 'Problems: Focus on Problems View');
        const rows = page.locator('.markers-panel .monaco-list-row');
        await rows.first().waitFor({ timeout: STEP_TIMEOUT });
        await page.waitForTimeout(500);
        const listed = (await rows.allInnerTexts()).join('\n');
        await shot('problems.png');
        for (const code of ['ATTR001', 'ATTR002']) {
          if (!listed.includes(code)) throw new Error(`Problems lacks ${code}:\n${listed}`);
        }
      });

      await step('the Outline lists quotes under their speakers', async () => {
        await palette(page, 'Explorer: Focus on Outline View');
        // groups start collapsed (outline.collapseItems), so every top-level group is on screen; open Quotes
        const quotesRow = page.locator('.outline-pane .monaco-list-row', {
          has: page.locator('.label-name', { hasText: /^Quotes/ }),
        }).first();
        try {
          await quotesRow.waitFor({ timeout: STEP_TIMEOUT });
        } catch {
          const names = await page.locator('.outline-pane .label-name').allInnerTexts();
          throw new Error(`no Quotes group in the Outline: ${names.join(' | ')}`);
        }
        // the twistie expands; a click on the label only reveals the symbol in the editor
        await quotesRow.locator('.monaco-tl-twistie').click();
        const speaker = page.locator('.outline-pane .label-name', { hasText: 'Ibarra' }).first();
        try {
          await speaker.waitFor({ timeout: STEP_TIMEOUT });
        } catch {
          const names = await page.locator('.outline-pane .label-name').allInnerTexts();
          await shot('outline.png');
          throw new Error(`no Ibarra under Quotes: ${names.join(' | ')}`);
        }
        await page.waitForTimeout(500);
        await shot('outline.png');
      });

      await step('Byline: Next Quote from the palette moves the cursor to the next quote', async () => {
        // from the blank line after the lede, the next quote opens the following paragraph
        const quote = lineColumn(text, '"Our members');
        await goToLine(page, quote.line - 1, 1);
        if ((await cursorLine(page)) !== quote.line - 1) throw new Error('could not place the cursor before the quote');
        await palette(page, 'Byline: Next Quote');
        await page.waitForTimeout(500);
        const line = await cursorLine(page);
        await shot('next-quote.png');
        if (line !== quote.line) throw new Error(`cursor on line ${line}, expected the quote on line ${quote.line}`);
      });
    } finally {
      await context.close();
    }
  } finally {
    await server.stop();
  }

  result.seconds = (Date.now() - started) / 1000;
  writeResult(args.results, result);
  console.log(`ui (code-server + vsix): ${result.passed} passed, ${result.failed} failed in ${result.seconds.toFixed(1)} s`);
  return result.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  },
);
