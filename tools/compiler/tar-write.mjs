// Writes a minimal ustar archive from [path, bytes] pairs: regular files plus
// an entry for each directory before its first file (@yowasp/clang's own tar
// reader needs those, without a trailing '/'), with fixed mode and time, so the
// same inputs always give the same bytes (the asset build names files by
// content hash). web/src/compiler/tar.js reads it.
const BLOCK = 512;
const encoder = new TextEncoder();

function put(header, offset, length, text) {
  const bytes = encoder.encode(text);
  if (bytes.length > length) throw new Error(`tar field too long: ${text}`);
  header.set(bytes, offset);
}

function octal(value, length) {
  return value.toString(8).padStart(length - 1, '0');
}

// ustar keeps up to 100 bytes of name plus a 155-byte prefix, split at a '/'.
function splitPath(path) {
  if (encoder.encode(path).length <= 100) return ['', path];
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (encoder.encode(name).length <= 100 && encoder.encode(prefix).length <= 155) return [prefix, name];
  }
  throw new Error(`path too long for a ustar archive: ${path}`);
}

function withDirectories(files) {
  const seen = new Set();
  const out = [];
  for (const [path, data] of files) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!seen.has(dir)) {
        seen.add(dir);
        out.push([dir, null]);
      }
    }
    out.push([path, data]);
  }
  return out;
}

/** @param {Array<[string, Uint8Array]>} files @returns {Uint8Array} */
export function writeTar(files) {
  const entries = withDirectories(files);
  const total = entries.reduce((n, [, data]) => n + BLOCK + Math.ceil((data ? data.length : 0) / BLOCK) * BLOCK, 2 * BLOCK);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const [path, fileData] of entries) {
    const isDirectory = fileData === null;
    const data = isDirectory ? new Uint8Array(0) : fileData;
    const header = out.subarray(offset, offset + BLOCK);
    const [prefix, name] = splitPath(path);
    put(header, 0, 100, name);
    put(header, 100, 8, octal(isDirectory ? 0o755 : 0o644, 8));
    put(header, 108, 8, octal(0, 8));
    put(header, 116, 8, octal(0, 8));
    put(header, 124, 12, octal(data.length, 12));
    put(header, 136, 12, octal(0, 12));
    header.fill(32, 148, 156); // checksum is computed with its own field as spaces
    header[156] = isDirectory ? 53 : 48; // '5' directory, '0' regular file
    put(header, 257, 6, 'ustar');
    put(header, 263, 2, '00');
    put(header, 345, 155, prefix);
    const sum = header.reduce((a, b) => a + b, 0);
    put(header, 148, 8, `${octal(sum, 7)}\0`);
    out.set(data, offset + BLOCK);
    offset += BLOCK + Math.ceil(data.length / BLOCK) * BLOCK;
  }
  return out;
}
