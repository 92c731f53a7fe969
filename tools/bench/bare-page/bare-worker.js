// Runs one built program as the page's program worker does (Emscripten's glue
// in a classic worker, main() proxied to a pthread), without the page around it.
self.onmessage = ({ data: { program, args } }) => {
  const base = new URL('wasm/', self.location.href).href;
  importScripts(`${base}${program}.js`);
  const lines = [];
  self.createProgram({
    arguments: args,
    print: (text) => lines.push(text),
    printErr: () => {},
    locateFile: (path) => base + path,
    mainScriptUrlOrBlob: `${base}${program}.js`,
    onExit: (code) => self.postMessage({ code, lines }),
    onAbort: (reason) => self.postMessage({ code: -1, reason: String(reason), lines }),
  });
};
