// Turns a learner's edited sources into a runnable program with the in-page
// compiler (web/src/compiler/, loaded only when first needed). Results are
// kept per source text, so running the same edit again does not recompile.
import { strings } from '../strings.js';
import { isolation } from '../runner/isolation.js';

const compiled = new Map(); // sources key -> {loaderUrl, wasm, runtime}
let compilerModule = null;

const loadCompiler = () => (compilerModule ||= import('../compiler/client.js'));
const keyOf = (sources) => JSON.stringify(Object.entries(sources).sort());

const megabytes = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

function describeProgress({ phase, loaded, total }) {
  const bytes = total ? ` ${megabytes(loaded ?? 0)} / ${megabytes(total)}` : '';
  return strings.compilePhase(phase) + bytes;
}

/**
 * @param {Record<string, string>} sources file name -> text; the first is the program
 * @param {{terminal, setStatus: (text: string, state: string) => void, threads?: boolean}} ui
 *   threads: the threaded build (default: whenever the page may use threads); a node program
 *   of lesson 5 asks for it, since its input waits on a SharedArrayBuffer
 * @returns {Promise<{compiled?: object, diagnostics: object[], cancelled?: boolean}>}
 */
export async function compileEdited(sources, { terminal, setStatus, threads = isolation.threads }) {
  const key = keyOf(sources) + (threads ? '|threads' : '');
  if (compiled.has(key)) return { compiled: compiled.get(key), diagnostics: [] };
  const client = await loadCompiler();
  // Said before every download, not only the first: a node program's PCH
  // comes on top of a compiler already cached.
  const { bytesToDownload } = await client.downloadInfo({ threads, sources });
  if (bytesToDownload > 0) terminal.writeLine(strings.compilerDownloadNotice(megabytes(bytesToDownload)), 'info');
  setStatus(strings.compilePhase('download'), 'loading');
  const result = await client.compile(sources, {
    threads, // like the built programs: single-threaded without SharedArrayBuffer
    onProgress: (p) => setStatus(describeProgress(p), 'loading'),
  });
  if (result.cancelled) return { cancelled: true, diagnostics: [] };
  for (const line of (result.log || '').trimEnd().split('\n')) if (line) terminal.writeLine(line, result.ok ? 'warn' : 'err');
  if (result.explanation) terminal.writeLine(result.explanation, 'err');
  if (!result.ok) return { diagnostics: result.diagnostics };
  const program = { loaderUrl: client.compiledProgramUrl(), wasm: result.wasm, runtime: result.runtime };
  compiled.set(key, program);
  const t = result.timings || {};
  if (t.compileMs != null) terminal.writeLine(strings.compiledIn(((t.compileMs ?? 0) + (t.linkMs ?? 0)) / 1000), 'info');
  return { compiled: program, diagnostics: result.diagnostics };
}

/** Stops a compile in progress (the compile worker is terminated). */
export async function cancelCompile() {
  if (compilerModule) (await compilerModule).cancel();
}

/**
 * Called on a learner's first edit: when the compiler is already in the
 * browser's cache, start it now, so the first Run takes about a second
 * instead of several. (A first download still waits for Run and its notice.)
 */
let warming = null;
export function warmUpCompiler() {
  warming ||= loadCompiler().then(async (client) => {
    const { bytesToDownload } = await client.downloadInfo({ threads: isolation.threads });
    if (bytesToDownload === 0) await client.prepare({ threads: isolation.threads });
  }).catch(() => {});
  return warming;
}
