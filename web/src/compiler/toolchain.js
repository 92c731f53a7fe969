// The one place that says how an edited lesson program is compiled and linked
// in the page: clang and wasm-ld flags, the libraries, the files the build
// packages. The compile worker, the asset build (tools/compiler/) and the node
// tests all import this module, so they cannot drift apart.
//
// The settings mirror cmake/CddProgram.cmake: the threaded build (pthreads
// with PROXY_TO_PTHREAD, needs a cross-origin isolated page) and the
// single-threaded fallback (`threads: false`, like <name>.st.js); both with
// 64 MiB initial memory growing up to 2 GiB, WASM_BIGINT, SIMD. The runtime
// glue (tools/compiler/make-runtime.mjs) is generated with the same settings,
// so a program compiled here runs exactly like a built one.

// Paths inside the compiler's virtual file system.
export const SYSROOT = '/sysroot';
// The project's headers (cpp/include/ and cpp/compat/, see package-sysroot.mjs).
export const PROJECT = '/project';
export const PROJECT_INCLUDE = `${PROJECT}/include`;
// A standard <coroutine> for Emscripten 3.1.6's libc++ 13 (which clang 22
// cannot use); lessons/02-concurrency's CMake adds the same folder.
export const PROJECT_COROUTINE = `${PROJECT}/compat/coroutine`;

// Wasm memory, in bytes; must equal the runtime glue's (see make-runtime.mjs).
export const INITIAL_MEMORY = 64 * 1024 * 1024;
export const MAXIMUM_MEMORY = 2 * 1024 * 1024 * 1024;
export const STACK_SIZE = 5 * 1024 * 1024;

// Emscripten 3.1.6 ships libc++ 13, whose <latch>, <barrier> and <semaphore>
// need C++20; C++20 also compiles every C++17 lesson program unchanged.
export const DEFAULT_STD = 'c++20';

// clang 22 (from @yowasp/clang) differs from Emscripten's clang 14 in its
// defaults; these flags restore what em++ passes: default visibility (hidden
// would drop main's export) and -fignore-exceptions, em++'s default when
// exception catching is disabled (as for every built lesson program): `throw`
// compiles and stops the program (the runtime glue reports what was thrown),
// `catch` blocks are dropped, and no -except library is needed.
export function compileFlags({ std = DEFAULT_STD, optimize = '-O2', threads = true } = {}) {
  return [
    optimize, `-std=${std}`,
    '--target=wasm32-unknown-emscripten', `--sysroot=${SYSROOT}`,
    ...(threads ? ['-pthread', '-matomics', '-mbulk-memory'] : ['-fno-threadsafe-statics']), '-msimd128',
    '-DEMSCRIPTEN', '-D__EMSCRIPTEN_major__=3', '-D__EMSCRIPTEN_minor__=1', '-D__EMSCRIPTEN_tiny__=6',
    '-D_LIBCPP_ABI_VERSION=2', '-Dunix', '-D__unix', '-D__unix__',
    '-fvisibility=default', '-fignore-exceptions',
    '-Xclang', '-iwithsysroot/include/compat',
    `-I${PROJECT_INCLUDE}`, '-isystem', PROJECT_COROUTINE,
    '-Wall', '-Wextra', '-fno-color-diagnostics',
    '-mllvm', '-combiner-global-alias-analysis=false', '-mllvm', '-disable-lsr',
  ];
}

// The archives em++ links for a pthreads, no-exceptions C++ program (from
// `em++ -v`), in link order. These (plus crtbegin.o) are all the sysroot
// libraries the asset build packages.
export const LINK_LIBRARIES = [
  'GL-mt', 'al', 'html5', 'stubs', 'c-mt', 'dlmalloc-mt', 'compiler_rt-mt',
  'c++-mt-noexcept', 'c++abi-mt-noexcept', 'sockets-mt',
];
export const LINK_OBJECTS = ['crtbegin.o'];
// The same for a single-threaded program (no crtbegin.o there).
export const LINK_LIBRARIES_ST = [
  'GL', 'al', 'html5', 'stubs', 'c', 'dlmalloc', 'compiler_rt', 'c++-noexcept', 'c++abi-noexcept', 'sockets',
];
export const LINK_OBJECTS_ST = [];
export const linkLibraries = (threads = true) => (threads ? LINK_LIBRARIES : LINK_LIBRARIES_ST);
export const linkObjects = (threads = true) => (threads ? LINK_OBJECTS : LINK_OBJECTS_ST);

// What the runtime glue calls into; exported when the program defines it.
const EXPORT_IF_DEFINED = [
  'main', '_emscripten_thread_init', '_emscripten_thread_exit', '_emscripten_thread_crashed',
  'emscripten_tls_init', 'emscripten_current_thread_process_queued_calls', 'pthread_self',
  '__start_em_asm', '__stop_em_asm', '__stdio_exit',
];
const EXPORT_ALWAYS = [
  'stackSave', 'stackRestore', 'stackAlloc', '__wasm_call_ctors', '__errno_location',
  'emscripten_dispatch_to_thread_', '_emscripten_thread_free_data',
  '_emscripten_allow_main_runtime_queued_calls', 'emscripten_main_browser_thread_id',
  'emscripten_main_thread_process_queued_calls', 'emscripten_run_in_main_runtime_thread_js',
  'emscripten_stack_set_limits', 'emscripten_sync_run_in_main_thread_2',
  'emscripten_sync_run_in_main_thread_4', 'emscripten_builtin_memalign', '__funcs_on_exit',
  'malloc', 'free', 'emscripten_proxy_main',
];

const EXPORT_IF_DEFINED_ST = ['main', '__start_em_asm', '__stop_em_asm', '__stdio_exit'];
const EXPORT_ALWAYS_ST = [
  'stackSave', 'stackRestore', 'stackAlloc', '__wasm_call_ctors', '__errno_location', '__funcs_on_exit',
  'malloc', 'free', 'emscripten_main_thread_process_queued_calls',
];

// wasm-ld arguments after the tool name. LLVM 22's wasm-ld puts the stack
// first by default, which clashes with --global-base=1024 (emcc's layout).
// requireMain: fail the link when `main` is missing (off when a shim exports
// "main" under another symbol name, see compile-core.js).
// threads: false links the single-threaded libraries; the module then defines
// and exports its own (unshared) memory instead of importing the glue's.
// projectLibrary: paths of the project library's objects (PROJECT_LIBRARY),
// linked like an archive's members (only those the program needs) with the
// entry point its child processes start from.
// atomicWait: paths of the atomic-wait objects (ATOMIC_WAIT), linked the same way.
export function linkFlags(objects, { output = 'program.wasm', requireMain = true, threads = true, projectLibrary = [], atomicWait = [] } = {}) {
  const ifDefined = threads ? EXPORT_IF_DEFINED : EXPORT_IF_DEFINED_ST;
  const exportIfDefined = requireMain ? ifDefined.filter((s) => s !== 'main') : ifDefined;
  return [
    '-o', output, ...objects,
    ...(projectLibrary.length ? ['--start-lib', ...projectLibrary, '--end-lib', `--export=${PROJECT_LIBRARY.entry}`] : []),
    ...(atomicWait.length ? ['--start-lib', ...atomicWait, '--end-lib'] : []),
    ...linkObjects(threads).map((o) => `${SYSROOT}/lib/${o}`),
    `-L${SYSROOT}/lib`, ...linkLibraries(threads).map((l) => `-l${l}`),
    '--import-undefined', ...(threads ? ['--import-memory', '--shared-memory'] : []), '--strip-debug',
    ...(requireMain ? ['--export=main'] : []),
    ...exportIfDefined.map((s) => `--export-if-defined=${s}`),
    ...(threads ? EXPORT_ALWAYS : EXPORT_ALWAYS_ST).map((s) => `--export=${s}`),
    '--export-table', '-z', `stack-size=${STACK_SIZE}`,
    `--initial-memory=${INITIAL_MEMORY}`, `--max-memory=${MAXIMUM_MEMORY}`,
    '--no-entry', '--global-base=1024', '--no-stack-first',
  ];
}

// em++ settings of the runtime glue: the threaded settings of
// cmake/CddProgram.cmake (em++'s default exception mode, like compileFlags()).
// The pool size comes from the project library's pre-js (4, or 0 in a child
// process), as for every program that links the library.
export const RUNTIME_EMCC_FLAGS = [
  '-O2', '-std=c++20', '-pthread',
  '-sMODULARIZE=1', '-sEXPORT_NAME=createProgram', '-sENVIRONMENT=web,worker,node',
  '-sEXIT_RUNTIME=1', '-sWASM_BIGINT=1', '-sINVOKE_RUN=1',
  '-sALLOW_MEMORY_GROWTH=1', `-sINITIAL_MEMORY=${INITIAL_MEMORY}`, `-sMAXIMUM_MEMORY=${MAXIMUM_MEMORY}`,
  '-sPROXY_TO_PTHREAD=1', '-sPTHREAD_POOL_SIZE=Module.cddPoolSize', '-sPTHREAD_POOL_SIZE_STRICT=0', '-Wno-pthreads-mem-growth',
  `-sTOTAL_STACK=${STACK_SIZE}`, '--minify=0',
];
// The single-threaded fallback's glue: the same without pthreads.
export const RUNTIME_ST_EMCC_FLAGS = RUNTIME_EMCC_FLAGS.filter((f) => !/PTHREAD|^-pthread$|pthreads-mem-growth/.test(f));
export const runtimeEmccFlags = (threads = true) => (threads ? RUNTIME_EMCC_FLAGS : RUNTIME_ST_EMCC_FLAGS);

// Which downloaded assets each kind of compile needs (names as in the
// manifest; see tools/compiler/build-assets.mjs). A page that is not cross-
// origin isolated only ever downloads the single-threaded set.
const COMMON_ASSETS = ['clang-bundle', 'llvm.core.wasm', 'llvm.core2.wasm', 'llvm.core3.wasm', 'llvm.core4.wasm',
  'clang-resources', 'sysroot-include', 'project-include'];
export const assetNames = (threads = true) => [...COMMON_ASSETS,
  ...(threads ? ['sysroot-lib', 'project-lib', 'runtime', 'pch'] : ['sysroot-lib-st', 'project-lib-st', 'runtime-st'])];

// The project's library that edited programs may link: cdd::mp
// (cpp/multiprocessing/, <cdd/multiprocessing.h>), processes as Web Workers.
// Its headers are in the project-include asset; its objects, compiled with
// compileFlags() by tools/compiler/make-project-lib.mjs, in project-lib (and
// project-lib-st), at `path` under /project; and the runtime glue carries its
// JavaScript (tools/compiler/make-runtime.mjs), as a built program's does.
// A program is linked with it when an object names a symbol of namespace
// cdd::mp (its mangled names contain `symbols`); `entry` is what a child
// process calls.
// C++20 atomic waits on the browser's futex (cpp/browser/atomic_wait.cpp, as
// built programs link it): compiled into the threaded project-lib asset at
// `path`, linked lazily into every threaded program (only when it waits or
// notifies), ahead of libc++, whose polling wait it replaces.
export const ATOMIC_WAIT = { source: 'cpp/browser/atomic_wait.cpp', path: 'lib/cdd_browser' };

export const PROJECT_LIBRARY = {
  name: 'cdd_multiprocessing',
  path: 'lib/cdd_multiprocessing',
  symbols: '3cdd2mp',
  entry: 'cdd_mp_child_main',
};

// Sysroot headers nobody writes a console lesson with (graphics, audio,
// windowing); leaving them out keeps the download small.
export const PRUNED_HEADER_DIRS = [
  'AL', 'EGL', 'GL', 'GLES', 'GLES2', 'GLES3', 'GLFW', 'KHR', 'SDL', 'X11', 'webgl', 'webgpu',
];

// clang's own resource headers (stddef.h, stdarg.h, wasm_simd128.h, ...) live
// at the top of @yowasp/clang's llvm-resources.tar under include/. Its WASI
// libc/libc++ and libraries are not used (we target Emscripten's sysroot).
export function keepClangResource(path) {
  if (!path.startsWith('include/')) return false;
  const rest = path.slice('include/'.length);
  return rest !== '' && !rest.includes('/');
}

// Names of the files the asset build writes into build/public/compiler/.
export const ASSET_DIR = 'compiler';
export const MANIFEST = 'manifest.json';
export const RUNTIME_GLUE = 'runtime.js';
export const RUNTIME_WORKER = 'runtime.worker.js';
// Largest single file the build writes (hosts cap files at 25 MiB).
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

// @yowasp/clang's LLVM modules, as its bundle names them.
export const CORE_MODULE_NAMES = ['llvm.core.wasm', 'llvm.core2.wasm', 'llvm.core3.wasm', 'llvm.core4.wasm'];

// A precompiled header of what lesson programs commonly include, built once by
// the asset build (tools/compiler/make-pch.mjs) with exactly compileFlags()'s
// flags, roughly halves a warm compile. Programs compiled with it see these
// headers even where they forgot an #include (a native build would not).
export const PCH_DIR = 'pch';
export const PCH_HEADER = 'common.h';
export const PCH_FILE = 'common.pch';
// The headers lesson programs include most (iostream and sstream are left out:
// no lesson uses them and they would double the PCH's size).
export const PCH_HEADERS = [
  'algorithm', 'atomic', 'chrono', 'cmath', 'condition_variable', 'cstddef', 'cstdint', 'cstdio', 'cstdlib',
  'functional', 'future', 'mutex', 'numeric', 'random', 'string', 'thread', 'utility', 'vector',
  'cdd/args.h', 'cdd/report.h', 'cdd/timing.h',
];
export const pchSource = (headers = PCH_HEADERS) => `${headers.map((h) => `#include <${h}>`).join('\n')}\n`;

// Lesson 5's node programs (<cdd/maelstrom.h>, nlohmann-json) get a PCH of
// their own, its own asset, downloaded only when a threaded compile's sources
// include one of `triggers` (a clang only loads one PCH): the common headers
// plus the node headers, built with `optimize`. nlohmann-json would otherwise
// add 7 MB gzip to every learner's download, and take a node several seconds
// to parse. Node programs compile at `optimize` (with or without the asset):
// a quick edit-run loop matters more than a node's speed (measured in
// tools/bench/node-templates-compile.mjs and own-node.mjs).
// The PCH is built with -fpch-codegen: the code of its inline functions and
// instantiated templates is compiled once, at asset build time, into
// `object`, which the asset carries next to `file` (a tar) and which is linked
// into every program compiled with the PCH; a program's own compile then
// emits none of that code itself. At -O1 it still would (as inlining
// candidates, then optimised): -O0 makes echo's compile ~7x faster. The object
// is compiled at `objectOptimize`: nlohmann-json's parser and serializer, where
// a node spends its time, live there, so a node floods about as fast as at
// -O1 (tools/bench/README.md, node templates).
export const NODE_PCH = {
  asset: 'node-pch',
  header: 'node.h',
  file: 'node.pch',
  object: 'node-pch.o',
  headers: [...PCH_HEADERS, 'nlohmann/json.hpp', 'cdd/maelstrom.h'],
  optimize: '-O0',
  objectOptimize: '-O2',
  triggers: /^[ \t]*#[ \t]*include[ \t]*[<"](?:cdd\/maelstrom\.h|nlohmann\/json(?:_fwd)?\.hpp)[>"]/m,
};
/** Whether sources (file name -> text) are a node program (see NODE_PCH). */
export const isNodeProgram = (sources) => Object.values(sources).some((text) => NODE_PCH.triggers.test(String(text)));
/** The assets a compile of `sources` needs beyond assetNames(threads). */
export const extraAssetNames = (sources, threads = true) => (threads && isNodeProgram(sources) ? [NODE_PCH.asset] : []);
