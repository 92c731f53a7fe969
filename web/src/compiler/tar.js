// Reads a ustar archive (as written by tools/compiler/tar-write.mjs) into the
// nested-object file tree that @yowasp/clang's runClang/runLLVM take:
// { dir: { file: Uint8Array } }. Only regular files and directories occur in
// our archives; anything else is a packaging bug and is reported as such.

const BLOCK = 512;
const decoder = new TextDecoder();

function field(bytes, offset, length) {
  const view = bytes.subarray(offset, offset + length);
  const end = view.indexOf(0);
  return decoder.decode(end === -1 ? view : view.subarray(0, end));
}

function octal(bytes, offset, length) {
  const text = field(bytes, offset, length).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** Calls visit(path, data) for each regular file in the archive. */
export function forEachTarFile(bytes, visit) {
  let offset = 0;
  for (;;) {
    // Our archives always end with zero blocks; running out before one means truncation.
    if (offset + BLOCK > bytes.length) throw new Error('archive is truncated');
    const name = field(bytes, offset, 100);
    if (name === '') break; // two zero blocks end the archive
    const prefix = field(bytes, offset + 345, 155);
    const path = prefix ? `${prefix}/${name}` : name;
    const size = octal(bytes, offset + 124, 12);
    const type = String.fromCharCode(bytes[offset + 156] || 48);
    const start = offset + BLOCK;
    if (start + size > bytes.length) throw new Error(`archive is truncated at ${path}`);
    if (type === '0') visit(path, bytes.subarray(start, start + size));
    else if (type !== '5') throw new Error(`unexpected entry type '${type}' for ${path}`);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
  }
}

/** The archive's files as a tree, optionally placed under `root` ('a/b'). */
export function tarToTree(bytes, root = '') {
  const tree = {};
  forEachTarFile(bytes, (path, data) => {
    const parts = (root ? `${root}/${path}` : path).split('/').filter(Boolean);
    let dir = tree;
    for (const part of parts.slice(0, -1)) dir = dir[part] ??= {};
    dir[parts[parts.length - 1]] = data;
  });
  return tree;
}
