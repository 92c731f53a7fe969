// Whether two versions of a C++ source differ only in whitespace a compiler
// ignores. A keyboard user tabbing through a cell may leave spaces in the
// editor they never meant to type; such a change must not make the cell
// compile "your edited version" (and download the compiler for it).
// Line breaks count (they end // comments and preprocessor lines), and so
// does whitespace inside string and character literals.

/** One line with each run of blanks outside literals made one space, and none at either end. */
function normalizeLine(line) {
  let out = '';
  let quote = null; // '"' or "'" while inside a literal
  let blank = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      out += c;
      if (c === '\\' && i + 1 < line.length) out += line[++i];
      else if (c === quote) quote = null;
      continue;
    }
    if (c === ' ' || c === '\t') {
      blank = true;
      continue;
    }
    if (blank && out) out += ' ';
    blank = false;
    out += c;
    if (c === '"' || c === "'") quote = c;
  }
  return out;
}

const normalize = (text) => text.replace(/\r\n?/g, '\n').split('\n').map(normalizeLine).join('\n');

/** True when `edited` compiles to the same program as `original`: only blanks outside literals differ. */
export function sameProgram(original, edited) {
  return original === edited || normalize(original) === normalize(edited);
}
