// The in-page compile pipeline without any worker plumbing: given the
// downloaded assets, start clang once, then compile + link sources into a
// wasm program for the shared runtime. compile-worker.js wraps it for the
// page; the node tests import it directly.
import { CORE_MODULE_NAMES, INITIAL_MEMORY, compileFlags, linkFlags } from './toolchain.js';
import { tarToTree } from './tar.js';
import { startClang } from './clang-host.js';
import { explain, parseDiagnostics } from './diagnostics.js';
import { messages } from './messages.js';

const SOURCE_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
const TRANSLATION_UNIT = /\.(cpp|cc|cxx|c)$/;
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function sourceTree(sources) {
  const tree = {};
  for (const [name, text] of Object.entries(sources)) {
    const parts = name.split('/');
    let dir = tree;
    for (const part of parts.slice(0, -1)) dir = dir[part] ??= {};
    dir[parts[parts.length - 1]] = text;
  }
  return tree;
}

function textOf(chunks) {
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode();
}

/**
 * @param {Record<string, {kind: string, bytes: Uint8Array}>} assets from assets.js loadAssets
 * @returns {Promise<{compile: Function, runtime: {glue: string, worker: string}, version: string}>}
 */
export async function createCompiler(assets) {
  const need = (name) => {
    if (!assets[name]) throw new Error(`compiler asset ${name} is missing`);
    return assets[name].bytes;
  };
  const clang = await startClang({
    bundle: need('clang-bundle'),
    modules: Object.fromEntries(CORE_MODULE_NAMES.map((n) => [n, need(n)])),
    resources: need('clang-resources'),
  });
  // runLLVM copies its input tree in and its output tree out on every call,
  // so each step gets only what it needs: headers to compile, libraries to link.
  const includeTree = { sysroot: tarToTree(need('sysroot-include')), project: { include: tarToTree(need('project-include')) } };
  const libraryTree = { sysroot: tarToTree(need('sysroot-lib')) };
  const decoder = new TextDecoder();
  const runtimeFiles = tarToTree(need('runtime'));
  const runtime = { glue: decoder.decode(runtimeFiles['runtime.js']), worker: decoder.decode(runtimeFiles['runtime.worker.js']) };

  // Runs one tool; returns its output tree, or null when it failed.
  async function run(tool, args, files, output) {
    const capture = (bytes) => { if (bytes) output.push(new Uint8Array(bytes)); };
    try {
      return await tool(args, files, { stdout: capture, stderr: capture, decodeASCII: false });
    } catch (error) {
      if (error instanceof clang.Exit) return null;
      throw new Error(messages.compilerCrashed(error && error.message ? error.message : String(error)));
    }
  }

  /**
   * @param {Record<string, string>} sources file name -> text ('main.cpp', 'util.h', ...)
   * @param {{std?: string, onPhase?: (phase: string) => void}} options
   * @returns {Promise<{ok: boolean, wasm: Uint8Array|null, diagnostics: object[], log: string,
   *                    timings: {compileMs: number, linkMs: number}}>}
   */
  async function compile(sources, { std, onPhase = () => {} } = {}) {
    const fail = (log, diagnostics = []) => ({ ok: false, wasm: null, diagnostics, log, timings: { compileMs: 0, linkMs: 0 } });
    for (const name of Object.keys(sources)) {
      if (!SOURCE_NAME.test(name) || name.split('/').includes('..')) return fail(messages.badSourceName(name));
    }
    const units = Object.keys(sources).filter((n) => TRANSLATION_UNIT.test(n));
    if (units.length === 0) return fail(messages.noSources);

    onPhase('compile');
    const started = now();
    const output = [];
    const objects = {};
    const inputs = { ...includeTree, ...sourceTree(sources) };
    let compiled = true;
    for (const unit of units) {
      const object = `${unit.replaceAll('/', '_')}.o`;
      const isC = unit.endsWith('.c');
      const flags = compileFlags(isC ? { std: 'c17' } : { std });
      const tree = await run(clang.runClang, [isC ? 'clang' : 'clang++', ...flags, '-c', unit, '-o', object], inputs, output);
      if (tree && tree[object]) objects[object] = tree[object];
      else compiled = false;
    }
    const compileMs = now() - started;
    if (!compiled) return finish(false, null, output, compileMs, 0, messages.compileFailed);

    onPhase('link');
    const linkStarted = now();
    const linked = await run(clang.runLLVM, ['wasm-ld', ...linkFlags(Object.keys(objects))], { ...libraryTree, ...objects }, output);
    const linkMs = now() - linkStarted;
    const wasm = linked && linked['program.wasm'];
    return finish(Boolean(wasm), wasm || null, output, compileMs, linkMs, wasm ? null : messages.linkFailed);
  }

  function finish(ok, wasm, output, compileMs, linkMs, failure) {
    let log = textOf(output);
    const diagnostics = parseDiagnostics(log);
    const explanation = explain(diagnostics, { initialMemory: INITIAL_MEMORY });
    if (explanation) log += `${log && !log.endsWith('\n') ? '\n' : ''}${explanation}\n`;
    if (failure) log += `${failure}\n`;
    return { ok, wasm, diagnostics, log, explanation, timings: { compileMs, linkMs } };
  }

  return { compile, runtime, version: clang.version };
}
