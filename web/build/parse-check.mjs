// Parses a cell's `check:` line (see lessons/README.md):
//   check: "<series>" <op> <number> [at <x>] ["message shown when it passes"]
// <op> is one of == != < <= > >=. The rule holds when, in every run, the
// program reported at least one point of <series> (at x = <x>, if given) and
// every such point's y satisfies it.
const CHECK = /^"([^"]+)"\s*(==|!=|<=|>=|<|>)\s*(-?[\d.eE+]+)(?:\s+at\s+(-?[\d.eE+]+))?(?:\s+"([^"]*)")?$/;

export function parseCheck(text) {
  const match = CHECK.exec(text.trim());
  if (!match) throw new Error(`cannot read check '${text}': expected "series" op number [at x] ["message"]`);
  const [, series, op, value, at, message] = match;
  return { series, op, value: Number(value), at: at === undefined ? null : Number(at), message: message ?? '' };
}
