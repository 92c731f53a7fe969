// Whitespace a keyboard user did not mean to type is not an edit (issue 15, item 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sameProgram } from '../../web/src/editor/same-program.js';

const SOURCE = '#include <cstdio>\nint main() {\n  std::puts("a  b");\n  return 0;\n}\n';

test('spaces and tabs left by Tab presses are not an edit', () => {
  assert.equal(sameProgram(SOURCE, `    ${SOURCE}`), true); // four Tabs at line 1, column 1
  assert.equal(sameProgram(SOURCE, SOURCE.replace('int main', 'int\t main')), true);
  assert.equal(sameProgram(SOURCE, SOURCE.replace('return 0;', 'return 0;   ')), true);
});

test('a change of code, a line break or a blank inside a literal is an edit', () => {
  assert.equal(sameProgram(SOURCE, SOURCE.replace('return 0', 'return 1')), false);
  assert.equal(sameProgram(SOURCE, SOURCE.replace('int main', 'intmain')), false);
  assert.equal(sameProgram(SOURCE, SOURCE.replace('"a  b"', '"a b"')), false);
  assert.equal(sameProgram(SOURCE, SOURCE.replace('  return', '\n  return')), false);
  assert.equal(sameProgram("char c = ' ';", "char c = '  ';"), false);
});

test('an escaped quote does not end a literal early', () => {
  assert.equal(sameProgram('puts("\\"  x");', 'puts("\\" x");'), false);
});
