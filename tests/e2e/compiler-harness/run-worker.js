// Classic worker: runs one compiled program the way the lesson runner does
// (importScripts compiled-program.js, then createProgram with the usual args).
'use strict';
// A pthread that aborts posts its reason and then throws; either may arrive first.
self.addEventListener('error', (event) => postMessage({ type: 'crash', reason: event.message }));
self.onmessage = async ({ data }) => {
  importScripts(data.loader);
  const done = (message) => postMessage(message);
  try {
    const createProgram = await self.cddLoadCompiledProgram({ wasm: data.wasm, glue: data.runtime.glue, worker: data.runtime.worker });
    await createProgram({
      arguments: data.args,
      print: (text) => postMessage({ type: 'out', text }),
      printErr: (text) => postMessage({ type: 'err', text }),
      onExit: (code) => done({ type: 'exit', code }),
      onAbort: (reason) => done({ type: 'abort', reason: String(reason) }),
    });
  } catch (error) {
    if (error && error.name === 'ExitStatus') return;
    done({ type: 'abort', reason: String(error && error.message || error) });
  }
};
