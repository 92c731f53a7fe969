// Runs one Python program in Pyodide (self-hosted under ./pyodide/), with
// `key=value` arguments in sys.argv, streaming its stdout lines.
// Call (web/src/workers/serve.js):
//   run({indexURL, source, fileName, args}) -> {code}; throws if Pyodide cannot start
//     events: {type: 'started'}, {type: 'line', stream: 'out'|'err', text}
import '../workers/serve.js';

async function run({ indexURL, source, fileName, args }, call) {
  const line = (stream) => (text) => call.emit({ type: 'line', stream, text });
  const { loadPyodide } = await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`);
  const pyodide = await loadPyodide({ indexURL });
  pyodide.setStdout({ batched: line('out') });
  pyodide.setStderr({ batched: line('err') });
  call.emit({ type: 'started' });
  pyodide.globals.set('cdd_argv', pyodide.toPy([fileName, ...args]));
  pyodide.runPython('import sys; sys.argv = list(cdd_argv)');
  try {
    pyodide.runPython(source, { filename: fileName });
    return { code: 0 };
  } catch (error) {
    // SystemExit carries the program's exit code; anything else is a traceback.
    const exit = /SystemExit: (\d+)/.exec(error.message);
    if (exit) return { code: Number(exit[1]) };
    for (const text of String(error.message).trimEnd().split('\n')) line('err')(text);
    return { code: 1 };
  }
}

self.cddWorkerProtocol.serve({ run });
