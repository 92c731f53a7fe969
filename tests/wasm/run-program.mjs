// Test helper: runs a built wasm lesson program under node (in a child
// process, as tools/run-wasm.mjs does) and returns its output and report lines.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const runner = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tools', 'run-wasm.mjs');

/**
 * @param {string} name program name (lessons/<lesson>/<name>.cpp)
 * @param {string[]} args key=value arguments
 * @param {{singleThreaded?: boolean, timeoutMs?: number}} options
 * @returns {Promise<{code: number, stdout: string, stderr: string, lines: string[], reports: object[]}>}
 */
export function runProgram(name, args = [], { singleThreaded = false, timeoutMs = 120000 } = {}) {
  const argv = [runner, name, ...(singleThreaded ? ['--single-threaded'] : []), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not finish within ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter((l) => l.length > 0);
      const reports = lines.filter((l) => l.startsWith('@cdd ')).map((l) => JSON.parse(l.slice(5)));
      resolve({ code, stdout, stderr, lines, reports });
    });
  });
}
