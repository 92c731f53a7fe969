// The in-page compile pipeline without any worker plumbing: given the
// downloaded assets, start clang once, then compile + link sources into a
// wasm program for the shared runtime. compile-worker.js wraps it for the
// page; the node tests import it directly.
import {
  ATOMIC_WAIT, CORE_MODULE_NAMES, DEFAULT_STD, INITIAL_MEMORY, NODE_PCH, PCH_DIR, PCH_FILE, PCH_HEADER, PROJECT, PROJECT_LIBRARY,
  compileFlags, isNodeProgram, linkFlags, pchSource,
} from './toolchain.js';
import { tarToTree } from './tar.js';
import { startClang } from './clang-host.js';
import { explain, parseDiagnostics } from './diagnostics.js';
import { messages } from './messages.js';

// clang 22 names `main(int argc, char** argv)` `__main_argc_argv` for every
// wasm target (clang 14, which built Emscripten 3.1.6, kept `main`), while the
// runtime glue calls the export "main". Programs whose main takes arguments
// are linked with this shim, compiled once on first need.
const MAIN_SHIM_NAME = 'cdd_main_shim.c';
const MAIN_SHIM = `int __main_argc_argv(int argc, char **argv);
__attribute__((export_name("main"))) int cdd_main_shim(int argc, char **argv) {
  return __main_argc_argv(argc, argv);
}
`;
const MAIN_WITH_ARGUMENTS = new TextEncoder().encode('__main_argc_argv');
// An object that names this needs the project library (toolchain.js).
const PROJECT_LIBRARY_SYMBOL = new TextEncoder().encode(PROJECT_LIBRARY.symbols);

function contains(bytes, pattern) {
  outer: for (let i = bytes.indexOf(pattern[0]); i !== -1 && i <= bytes.length - pattern.length; i = bytes.indexOf(pattern[0], i + 1)) {
    for (let j = 1; j < pattern.length; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    return true;
  }
  return false;
}

const SOURCE_NAME = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/;
// Far beyond any lesson program; a paste of megabytes is a mistake, not a program.
const MAX_SOURCE_CHARS = 1_000_000;
// Folders of the compiler's own file system a source must not replace.
const RESERVED_TOP = new Set(['sysroot', 'project', PCH_DIR, 'usr', 'tmp']);
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

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function textOf(chunks) {
  const decoder = new TextDecoder();
  return chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode();
}

/**
 * @param {Record<string, {kind: string, bytes: Uint8Array}>} assets from assets.js loadAssets: at
 *   least the common ones plus one kind's (toolchain.js assetNames(threads)); addAssets() adds more
 * @returns {Promise<{compile: Function, addAssets: Function, runtime: Function, version: string}>}
 */
export async function createCompiler(initialAssets) {
  const assets = { ...initialAssets };
  const need = (name) => {
    if (!assets[name]) throw new Error(`compiler asset ${name} is missing`);
    return assets[name].bytes;
  };
  const clang = await startClang({
    bundle: need('clang-bundle'),
    modules: Object.fromEntries(CORE_MODULE_NAMES.map((n) => [n, need(n)])),
    resources: need('clang-resources'),
  });
  // clang keeps its compiled modules; their 80 MB of bytes can be collected.
  for (const name of [...CORE_MODULE_NAMES, 'clang-bundle', 'clang-resources']) delete assets[name];
  // runLLVM copies its input tree in and its output tree out on every call,
  // so each step gets only what it needs: headers to compile, libraries to link.
  const includeTree = { sysroot: tarToTree(need('sysroot-include')), project: tarToTree(need('project-include')) };
  // Per kind (threaded or not): the libraries to link and the runtime to run with.
  const kinds = new Map();
  function kind(threads) {
    if (!kinds.has(threads)) {
      const decoder = new TextDecoder();
      const files = tarToTree(need(threads ? 'runtime' : 'runtime-st'));
      const project = tarToTree(need(threads ? 'project-lib' : 'project-lib-st'));
      const objectsIn = (path) => Object.keys(path.split('/').reduce((dir, part) => dir?.[part], project) ?? {})
        .map((name) => `${PROJECT}/${path}/${name}`); // absolute, like the sysroot's: wasm-ld runs with the tree as its root
      kinds.set(threads, {
        libraryTree: { sysroot: tarToTree(need(threads ? 'sysroot-lib' : 'sysroot-lib-st')), project },
        projectLibrary: objectsIn(PROJECT_LIBRARY.path),
        atomicWait: threads ? objectsIn(ATOMIC_WAIT.path) : [],
        runtime: {
          glue: decoder.decode(files['runtime.js']),
          worker: files['runtime.worker.js'] ? decoder.decode(files['runtime.worker.js']) : null,
        },
      });
    }
    return kinds.get(threads);
  }
  // Optional, threaded compiles only (it was built with their flags); without
  // it, or if clang rejects it, every compile parses the headers itself.
  // Lesson 5's node programs use NODE_PCH's (asset node-pch, added on demand,
  // a tar of the PCH and the object of its code, which every program compiled
  // with that PCH links).
  const pchTrees = { common: undefined, node: undefined };
  let nodePchObject = null;
  const pch = (node) => {
    const which = node ? 'node' : 'common';
    if (pchTrees[which] === undefined) {
      const asset = assets[node ? NODE_PCH.asset : 'pch'];
      // Missing now, maybe added later (addAssets): not remembered.
      if (!asset) return null;
      if (node) {
        const files = tarToTree(asset.bytes);
        nodePchObject = files[NODE_PCH.object];
        pchTrees.node = { [PCH_DIR]: { [NODE_PCH.file]: files[NODE_PCH.file], [NODE_PCH.header]: pchSource(NODE_PCH.headers) } };
      } else pchTrees.common = { [PCH_DIR]: { [PCH_FILE]: asset.bytes, [PCH_HEADER]: pchSource() } };
    }
    return pchTrees[which];
  };

  // Runs one tool, collecting its stderr into `log`; resolves to its output
  // tree and stdout bytes, or null when it failed.
  async function run(tool, args, files, log) {
    const stdout = [];
    const options = {
      stdout: (bytes) => { if (bytes) stdout.push(new Uint8Array(bytes)); },
      stderr: (bytes) => { if (bytes) log.push(new Uint8Array(bytes)); },
      decodeASCII: false,
    };
    try {
      const tree = await tool(args, files, options);
      return { tree, stdout: concat(stdout) };
    } catch (error) {
      if (error instanceof clang.Exit) return null;
      throw new Error(messages.compilerCrashed(error && error.message ? error.message : String(error)));
    }
  }

  // Compiles one translation unit to an object (bytes), or null on errors.
  // yowasp's runClang asks the clang driver (clang -###) on every call which
  // `clang -cc1` command to run, at the cost of a whole extra LLVM run. The
  // answer depends only on the flags and the file type, so we ask once per set
  // of flags, with a placeholder file name, and put the real name in later.
  const cc1Commands = new Map();
  const CLANG_ARGUMENT = / (?:([^ "]+)|"((?:[^"\\$]|\\["\\$])+)")/g; // the quoting clang -### prints

  async function cc1Command(driverArgs, extension, files) {
    const key = `${extension} ${JSON.stringify(driverArgs)}`;
    if (!cc1Commands.has(key)) {
      const placeholder = `cdd_unit${extension}`;
      const output = [];
      const done = await run(clang.runLLVM, [driverArgs[0], '-###', ...driverArgs.slice(1), '-c', placeholder, '-o', '-'],
        { ...files, [placeholder]: '' }, output);
      const lines = done ? textOf(output).split('\n').filter((line) => line.startsWith(' "')) : [];
      let command = null;
      if (lines.length === 1) {
        command = Array.from(lines[0].matchAll(CLANG_ARGUMENT), (m) => m[1] ?? m[2].replace(/\\(["\\$])/g, '$1'));
        if (command[0] === '') command.shift();
        if (!command.includes('-cc1') || !command.includes(placeholder)) command = null;
      }
      cc1Commands.set(key, command ? { command, placeholder } : null);
    }
    return cc1Commands.get(key);
  }

  // Compiles one translation unit to an object (bytes), or null on errors.
  // node: a node program's unit (NODE_PCH: its -O and PCH). usedPch (a Set)
  // gets 'node' when the unit compiled with the node PCH.
  async function compileUnit(unit, inputs, std, threads, log, { withPch = true, node = false, usedPch = new Set() } = {}) {
    const isC = unit.endsWith('.c');
    const flags = compileFlags({ std: isC ? 'c17' : std, threads, ...(node ? { optimize: NODE_PCH.optimize } : {}) });
    // The PCH only loads with the flags it was built with.
    const usePch = withPch && threads && !isC && (std ?? DEFAULT_STD) === DEFAULT_STD && pch(node);
    const files = usePch ? { ...inputs, ...pch(node) } : inputs;
    const pchPath = `${PCH_DIR}/${node ? NODE_PCH.file : PCH_FILE}`;
    const driverArgs = [isC ? 'clang' : 'clang++', ...flags, ...(usePch ? ['-include-pch', pchPath] : [])];
    // The object goes to stdout: the compiler's virtual file system grows a
    // file by copying it on every write, which takes minutes for a program
    // with a large static array (wasm objects spell out even zeroed data).
    const known = await cc1Command(driverArgs, unit.slice(unit.lastIndexOf('.')), files);
    const baseName = unit.split('/').pop();
    const attemptLog = [];
    const done = known
      ? await run(clang.runLLVM, known.command.map((arg, i) => (arg === known.placeholder ? unit
        : known.command[i - 1] === '-main-file-name' ? baseName : arg)), files, attemptLog)
      : await run(clang.runClang, [...driverArgs, '-c', unit, '-o', '-'], files, attemptLog);
    if (usePch && !done) {
      // A PCH this clang cannot load: compile without it from now on.
      if (/precompiled|PCH|AST file/.test(textOf(attemptLog))) pchTrees[node ? 'node' : 'common'] = null;
      // The PCH makes its headers visible to every program, so errors can
      // differ from a plain compile (`using namespace std;` plus a global
      // named `count` clashes with <algorithm>'s). Errors are reported as a
      // plain compile reports them.
      return compileUnit(unit, inputs, std, threads, log, { withPch: false, node, usedPch });
    }
    if (usePch && node) usedPch.add('node');
    log.push(...attemptLog);
    return done && done.stdout.length > 0 ? done.stdout : null;
  }

  const mainShims = new Map(); // threads -> object
  async function mainShimObject(threads) {
    if (!mainShims.has(threads)) {
      const log = [];
      const object = await compileUnit(MAIN_SHIM_NAME, { ...includeTree, [MAIN_SHIM_NAME]: MAIN_SHIM }, undefined, threads, log);
      if (!object) throw new Error(messages.compilerCrashed(textOf(log)));
      mainShims.set(threads, object);
    }
    return mainShims.get(threads);
  }

  /**
   * @param {Record<string, string>} sources file name -> text ('main.cpp', 'util.h', ...)
   * @param {{std?: string, threads?: boolean, onPhase?: (phase: string) => void}} options
   *   threads: false compiles for the single-threaded runtime (a page without
   *   cross-origin isolation); its assets must have been given
   * @returns {Promise<{ok: boolean, wasm: Uint8Array|null, diagnostics: object[], log: string,
   *                    explanation: string|null, timings: {compileMs: number, linkMs: number}}>}
   */
  async function compile(sources, { std, threads = true, onPhase = () => {} } = {}) {
    const fail = (explanation) => ({ ok: false, wasm: null, diagnostics: [], log: '', explanation, timings: { compileMs: 0, linkMs: 0 } });
    for (const name of Object.keys(sources)) {
      const top = name.split('/')[0];
      if (!SOURCE_NAME.test(name) || name.split('/').includes('..') || RESERVED_TOP.has(top)) return fail(messages.badSourceName(name));
    }
    const totalChars = Object.values(sources).reduce((n, text) => n + String(text).length, 0);
    if (totalChars > MAX_SOURCE_CHARS) return fail(messages.sourcesTooLarge(totalChars, MAX_SOURCE_CHARS));
    const units = Object.keys(sources).filter((n) => TRANSLATION_UNIT.test(n));
    if (units.length === 0) return fail(messages.noSources);

    onPhase('compile');
    const started = now();
    const output = [];
    const objects = {};
    const inputs = { ...includeTree, ...sourceTree(sources) };
    let compiled = true;
    const node = isNodeProgram(sources);
    const usedPch = new Set();
    for (const unit of units) {
      const object = await compileUnit(unit, inputs, std, threads, output, { node, usedPch });
      if (object) objects[`${unit.replaceAll('/', '_')}.o`] = object;
      else compiled = false;
    }
    // The code those units left to the node PCH (unit objects end in .cpp.o etc.).
    if (usedPch.has('node') && nodePchObject) objects[NODE_PCH.object] = nodePchObject;
    const needsShim = compiled && Object.values(objects).some((o) => contains(o, MAIN_WITH_ARGUMENTS));
    if (needsShim) objects['cdd_main_shim.o'] = await mainShimObject(threads);
    const compileMs = now() - started;
    if (!compiled) return finish(false, null, output, compileMs, 0);

    onPhase('link');
    // The program also goes to stdout (see compileUnit): a 16 MB program
    // (a large initialized table) links in 0.4 s this way instead of 7 s.
    const linkStarted = now();
    const usesProjectLibrary = Object.values(objects).some((o) => contains(o, PROJECT_LIBRARY_SYMBOL));
    const linked = await run(clang.runLLVM, ['wasm-ld', ...linkFlags(Object.keys(objects), {
      requireMain: !needsShim, threads, output: '-', projectLibrary: usesProjectLibrary ? kind(threads).projectLibrary : [],
      atomicWait: kind(threads).atomicWait,
    })], { ...kind(threads).libraryTree, ...objects }, output);
    const linkMs = now() - linkStarted;
    const wasm = linked && linked.stdout.length > 0 ? linked.stdout : null;
    return { ...finish(Boolean(wasm), wasm || null, output, compileMs, linkMs), runtime: wasm ? kind(threads).runtime : null };
  }

  // log: the tools' own output (warnings and errors, with source snippets);
  // explanation: our sentence for a cryptic failure (static data too large,
  // no main, an unknown project header), or null. Show both; they never repeat each other.
  function finish(ok, wasm, output, compileMs, linkMs) {
    const log = textOf(output);
    const diagnostics = parseDiagnostics(log);
    const explanation = explain(diagnostics, { initialMemory: INITIAL_MEMORY });
    return { ok, wasm, diagnostics, log, explanation, timings: { compileMs, linkMs } };
  }

  return {
    compile,
    /** Adds assets loaded later (the other kind's libraries and runtime). */
    addAssets: (more) => Object.assign(assets, more),
    /** The runtime a program compiled with `threads` runs with: {glue, worker|null}. */
    runtime: (threads = true) => kind(threads).runtime,
    version: clang.version,
  };
}
