// Runs one Python program in Pyodide (self-hosted under ./pyodide/), with
// `key=value` arguments in sys.argv, streaming its stdout lines.
// In: {type: 'run', indexURL, source, fileName, args}
// Out: {type: 'started'} | {type: 'line', stream, text} | {type: 'exit', code} | {type: 'crash', reason}
self.onmessage = async ({ data }) => {
  if (data.type !== 'run') return;
  try {
    const { loadPyodide } = await import(/* @vite-ignore */ `${data.indexURL}pyodide.mjs`);
    const pyodide = await loadPyodide({ indexURL: data.indexURL });
    pyodide.setStdout({ batched: (text) => postMessage({ type: 'line', stream: 'out', text }) });
    pyodide.setStderr({ batched: (text) => postMessage({ type: 'line', stream: 'err', text }) });
    postMessage({ type: 'started' });
    pyodide.globals.set('cdd_argv', pyodide.toPy([data.fileName, ...data.args]));
    pyodide.runPython('import sys; sys.argv = list(cdd_argv)');
    try {
      pyodide.runPython(data.source, { filename: data.fileName });
      postMessage({ type: 'exit', code: 0 });
    } catch (error) {
      // SystemExit carries the program's exit code; anything else is a traceback.
      const exit = /SystemExit: (\d+)/.exec(error.message);
      if (exit) postMessage({ type: 'exit', code: Number(exit[1]) });
      else {
        for (const line of String(error.message).trimEnd().split('\n')) postMessage({ type: 'line', stream: 'err', text: line });
        postMessage({ type: 'exit', code: 1 });
      }
    }
  } catch (error) {
    postMessage({ type: 'crash', reason: String(error?.message ?? error) });
  }
};
