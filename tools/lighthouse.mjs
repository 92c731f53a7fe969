#!/usr/bin/env node
// Lighthouse on every lesson page of the built site (dist/): performance,
// accessibility, best practices and SEO, each page run several times (3 by
// default) and scored by the median run of each category, as Lighthouse's
// authors recommend for noisy performance figures. Debian's Chromium, never a
// downloaded browser. Reports (HTML and JSON of every run) go to
// build/lighthouse/<preset>/, beside the build and outside dist/, so they are never deployed.
// Exits non-zero when a median score is below the minimum (95).
//   node tools/lighthouse.mjs [--preset mobile|desktop] [--runs 3] [--min 95] [--pages slug,slug] [--root dist] [--out build/lighthouse/<preset>]
// A lesson is a hash route (#/<slug>) of one document. Lighthouse loads each
// URL afresh from about:blank, so every run is a real load of that lesson;
// after each run the page is asked which lesson it shows, and a run that
// shows another (or none) is an error, not a score.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse, { desktopConfig } from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { serveForLighthouse } from './lighthouse/serve.mjs';
import { below, medianScores, scoreTable } from './lighthouse/scores.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const SITE_TITLE = 'Concurrency Deep Dive';

function options(argv) {
  const value = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const preset = value('--preset', 'mobile');
  if (!['mobile', 'desktop'].includes(preset)) throw new Error(`--preset is mobile or desktop, not '${preset}'`);
  return {
    preset,
    runs: Number(value('--runs', 3)),
    minimum: Number(value('--min', 95)),
    pages: value('--pages', '') ? value('--pages').split(',') : lessonSlugs(),
    root: resolve(repo, value('--root', 'dist')),
    out: resolve(repo, value('--out', join('build', 'lighthouse', preset))),
  };
}

/** The lessons of the menu, as the build lists them: lessons/<slug>/lesson.md, hidden ones (_slug) left out. */
function lessonSlugs() {
  const folder = join(repo, 'lessons');
  return readdirSync(folder, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(join(folder, d.name, 'lesson.md')))
    .map((d) => d.name)
    .sort();
}

/** Throws unless the page, after Lighthouse's load, shows lesson `slug`: its menu entry current, its heading in the title. */
async function assertShowsLesson(page, slug) {
  const shown = await page.evaluate(() => ({
    current: document.querySelector('#lesson-nav a[aria-current="page"]')?.getAttribute('href'),
    heading: document.querySelector('#lesson h1')?.textContent.trim(),
    title: document.title,
  }));
  const ok = shown.current === `#/${slug}` && shown.heading && shown.title.startsWith(shown.heading) && shown.title !== SITE_TITLE;
  if (!ok) throw new Error(`Lighthouse's run of #/${slug} ended on another page: ${JSON.stringify(shown)}`);
  return shown.heading;
}

/** Lighthouse could not record the load (its runtimeError): worth another try. */
class LighthouseRunError extends Error {}

/** One Lighthouse run of one lesson in a fresh tab; writes its reports and resolves to its result (lhr). */
async function runOnce(browser, url, slug, run, { preset, out }) {
  const page = await browser.newPage();
  try {
    const flags = { output: ['json', 'html'], logLevel: 'error' };
    const result = await lighthouse(`${url}#/${slug}`, flags, preset === 'desktop' ? desktopConfig : undefined, page);
    if (!result) throw new Error(`Lighthouse returned nothing for #/${slug}`);
    if (result.lhr.runtimeError) throw new LighthouseRunError(`#/${slug}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
    await assertShowsLesson(page, slug);
    const [json, html] = result.report;
    writeFileSync(join(out, `${slug}.run${run}.report.json`), json);
    writeFileSync(join(out, `${slug}.run${run}.report.html`), html);
    return result.lhr;
  } finally {
    await page.close();
  }
}

// Lighthouse itself sometimes fails to record a load (NO_NAVSTART, NO_FCP on a
// busy machine) and says to run it again: a run that fails so is repeated, at
// most twice, and each retry is printed. A page that shows the wrong lesson
// fails at once.
const ATTEMPTS = 3;
async function runWithRetries(browser, url, slug, run, opts) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(browser, url, slug, run, opts);
    } catch (error) {
      if (!(error instanceof LighthouseRunError) || attempt === ATTEMPTS) throw error;
      console.error(`#/${slug} run ${run}: ${error.message}; running it again`);
    }
  }
}

async function main() {
  const opts = options(process.argv.slice(2));
  if (!existsSync(join(opts.root, 'index.html'))) throw new Error(`no built site in ${opts.root}: run npm run build first`);
  mkdirSync(opts.out, { recursive: true });
  const site = await serveForLighthouse({ root: opts.root });
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const rows = [];
  try {
    for (const slug of opts.pages) {
      const lhrs = [];
      for (let run = 1; run <= opts.runs; run++) {
        lhrs.push(await runWithRetries(browser, site.url, slug, run, opts));
        console.error(`#/${slug} run ${run}/${opts.runs}: ${JSON.stringify(medianScores(lhrs.slice(-1)))}`);
      }
      rows.push({ page: `#/${slug}`, scores: medianScores(lhrs), runs: lhrs.map((lhr) => medianScores([lhr])) });
    }
  } finally {
    await browser.close();
    await site.close();
  }
  const table = scoreTable(rows);
  const heading = `Lighthouse ${opts.preset}, median of ${opts.runs} run(s) per page (each run in brackets), ${new Date().toISOString()}`;
  writeFileSync(join(opts.out, 'summary.md'), `${heading}\n\n${table}\n`);
  console.log(`${heading}\n\n${table}\n\nreports: ${opts.out}`);
  const failing = rows.flatMap((row) => below(row.scores, opts.minimum).map(([id, score]) => `${row.page} ${id} ${score}`));
  if (failing.length) {
    console.error(`below ${opts.minimum}: ${failing.join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 2;
});
