// Test helpers: run a wasm program under node in a child process and return
// its output and report lines; a built lesson program through
// tools/run-wasm.mjs, a program compiled by the in-page compiler through
// tools/compiler/run-compiled.mjs.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const tools = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tools');
const runner = join(tools, 'run-wasm.mjs');
const compiledRunner = join(tools, 'compiler', 'run-compiled.mjs');

/**
 * @param {string} name program name (lessons/<lesson>/<name>.cpp)
 * @param {string[]} args key=value arguments
 * @param {{singleThreaded?: boolean, timeoutMs?: number}} options
 * @returns {Promise<{code: number, stdout: string, stderr: string, lines: string[], reports: object[]}>}
 */
export function runProgram(name, args = [], { singleThreaded = false, timeoutMs = 120000 } = {}) {
  return runNode([runner, name, ...(singleThreaded ? ['--single-threaded'] : []), ...args], name, timeoutMs);
}

/**
 * @param {string} wasmPath a program the in-page compiler linked
 * @param {string[]} args key=value arguments
 * @param {{timeoutMs?: number}} options
 */
export function runCompiled(wasmPath, args = [], { timeoutMs = 60000 } = {}) {
  return runNode([compiledRunner, wasmPath, ...args], 'the compiled program', timeoutMs);
}

function runNode(argv, name, timeoutMs) {
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
