#!/usr/bin/env node
// Do the lessons' sentences hold where learners read them? Runs every program
// of lessons 1-4 that a claim is about (tools/bench/claims/) at its default
// settings, in headless Chromium through the real page (dist/, press Run),
// N times, and checks each claim on each run's report lines. Prints, per
// lesson, how often each claim held and what was measured in each run.
//   node tools/bench/claims.mjs [--runs N] [--lesson NN] [--program NAME]
// --runs: runs per program (default 5); --lesson: only lessons whose folder
// starts with NN (e.g. 02); --program: only that program's claims. Each Run is
// pressed once the machine is quiet (machine-quiet.mjs). Needs dist/ (npm run build).
import { claims } from './claims/index.mjs';
import { runFromLines } from './claims/checks.mjs';
import { pageRunner } from './claims/page-runs.mjs';
import { printTable } from './stats.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const RUNS = Number(option('--runs', 5));
const LESSON = option('--lesson', '');
const PROGRAM = option('--program', '');
if (!(RUNS >= 1)) throw new Error('--runs needs a number of runs, 1 or more');

const chosen = claims.filter((c) => c.lesson.startsWith(LESSON) && (!PROGRAM || c.program === PROGRAM));
if (!chosen.length) throw new Error(`no claims for lesson ${LESSON || '(any)'} and program ${PROGRAM || '(any)'}`);

// Claims about the same program with the same settings share its runs.
const groups = new Map();
for (const claim of chosen) {
  const key = `${claim.lesson} ${claim.program} ${JSON.stringify(claim.args ?? {})} ${claim.title ?? ''}`;
  if (!groups.has(key)) groups.set(key, { lesson: claim.lesson, program: claim.program, args: claim.args ?? {}, title: claim.title, claims: [] });
  groups.get(key).claims.push(claim);
}

const results = new Map(chosen.map((c) => [c, []])); // claim -> [{held, measured}] per run
const runner = await pageRunner();
try {
  for (let i = 1; i <= RUNS; i++) {
    for (const group of groups.values()) {
      const settings = Object.entries(group.args).map(([k, v]) => ` ${k}=${v}`).join('');
      const { state, lines, cores, seconds, quiet } = await runner.run(group.lesson, group.program, group.args, group.title);
      const where = group.title ? ` (${group.title})` : '';
      const busy = quiet ? '' : ' (the machine was not quiet before Run)';
      console.error(`run ${i}/${RUNS}: ${group.program}${settings}${where}: ${state}, ${seconds.toFixed(1)} s${busy}`);
      const run = runFromLines(lines, cores);
      for (const claim of group.claims) {
        results.get(claim).push(state === 'done' ? claim.check(run) : { held: false, measured: `run ended: ${state}` });
      }
    }
  }
} finally {
  await runner.close();
}

const cell = (text) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
const everyTime = [];
for (const lesson of [...new Set(chosen.map((c) => c.lesson))]) {
  const rows = chosen.filter((c) => c.lesson === lesson).map((claim) => {
    const outcomes = results.get(claim);
    const held = outcomes.filter((o) => o.held).length;
    if (held === outcomes.length) everyTime.push(claim);
    const program = claim.title ? `${claim.program} (exercise as shipped)` : claim.program;
    return [cell(program), cell(`"${claim.quote}"`), cell(claim.says), `${held}/${outcomes.length}`,
      cell(outcomes.map((o) => `${o.held ? '' : '✗ '}${o.measured}`).join(' · '))];
  });
  printTable(`Claims of ${lesson} (headless Chromium, the page's default settings, ${RUNS} run${RUNS > 1 ? 's' : ''} each)`,
    ['program', 'the lesson says', 'checked as', 'held', 'measured (each run; ✗ = did not hold)'], rows);
}
console.log(`\n${everyTime.length} of ${chosen.length} claims held in every run.`);
if (runner.errors.length) console.log(`Page errors: ${runner.errors.map((e) => e.message).join('; ')}`);
