// Turns clang's and wasm-ld's text output into structured diagnostics for
// editor markers and the terminal: {file, line, column, severity, message}.
// file/line/column are null for messages that name no place (linker errors).
import { messages } from './messages.js';

// main.cpp:12:7: error: use of undeclared identifier 'x'
const LOCATED = /^(.+?):(\d+):(\d+): (fatal error|error|warning|note|remark): (.*)$/;
// wasm-ld: error: main.o: undefined symbol: foo()   /   clang++: error: ...
const TOOL = /^(?:wasm-ld|clang(?:\+\+)?|ld|lld)(?:-\d+)?: (error|warning): (.*)$/;

const SEVERITY = { 'fatal error': 'error', error: 'error', warning: 'warning', note: 'info', remark: 'info' };

/** @param {string} text compiler or linker output @returns {Array<object>} */
export function parseDiagnostics(text) {
  const out = [];
  for (const line of text.split('\n')) {
    let m = LOCATED.exec(line);
    if (m) {
      out.push({ file: m[1].replace(/^(\.\/)+/, ''), line: Number(m[2]), column: Number(m[3]), severity: SEVERITY[m[4]], message: m[5] });
      continue;
    }
    m = TOOL.exec(line);
    if (m) out.push({ file: null, line: null, column: null, severity: m[1], message: m[2] });
  }
  return out;
}

/** A learner-facing explanation to add for errors whose raw text is cryptic, or null. */
export function explain(diagnostics, { initialMemory } = {}) {
  if (diagnostics.some((d) => /symbol exported via --export not found: main$/.test(d.message))) return messages.noMain;
  for (const d of diagnostics) {
    const m = /initial memory too small, (\d+) bytes needed/.exec(d.message);
    if (m) return messages.staticDataTooLarge(Number(m[1]), initialMemory);
    const missing = /^'(cdd\/[^']+)' file not found/.exec(d.message);
    if (missing) return messages.unknownProjectHeader(missing[1]);
  }
  return null;
}
