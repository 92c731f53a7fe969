// Waits until the machine is quiet: how busy its CPUs were, from /proc/stat,
// over short windows. A learner presses Run after reading the cell, when the
// page has long finished loading and drawing; a benchmark that presses Run the
// moment the previous program ended (or the lesson opened) measures the page's
// own catching up as well: charts drawn, chunks parsed, a terminal created.
import { readFile } from 'node:fs/promises';

const WINDOW_MS = 250;

async function cpuTimes() {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0]; // "cpu  user nice system idle iowait ..."
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = ticks[3] + (ticks[4] ?? 0);
  return { idle, total: ticks.reduce((a, b) => a + b, 0) };
}

/** The share of all CPUs busy over the next `ms` (0..1), or undefined without /proc/stat. */
export async function busyShare(ms = WINDOW_MS) {
  try {
    const before = await cpuTimes();
    await new Promise((r) => setTimeout(r, ms));
    const after = await cpuTimes();
    const total = after.total - before.total;
    return total > 0 ? 1 - (after.idle - before.idle) / total : 0;
  } catch {
    return undefined;
  }
}

/**
 * Resolves once `quietWindows` windows in a row had at most `maxBusy` of the
 * CPUs busy, or after `timeoutMs` (then with quiet: false). Returns the busy
 * share of the last window.
 */
export async function waitForQuietMachine({ maxBusy = 0.1, quietWindows = 4, timeoutMs = 20000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let inRow = 0;
  let share = 0;
  while (Date.now() < deadline) {
    share = await busyShare();
    if (share === undefined) return { quiet: true, share: 0 };
    inRow = share <= maxBusy ? inRow + 1 : 0;
    if (inRow >= quietWindows) return { quiet: true, share };
  }
  return { quiet: false, share };
}
