// A cell's share: which cell (its program's name, and which of the lesson's
// cells of that program, counting from 0), the text of each of its files and
// its parameters. The payload inside the envelope (envelope.js):
//   {cell: "races", n: 0, files: {"races.cpp": "..."}, params: {"threads": "4"}}
// Cells are named by program rather than by position so that a link survives
// a lesson gaining or losing other cells. Pure functions.
import { decodeShare, isShareLink } from './envelope.js';
import { shareStrings as s } from './strings.js';

/** Which cell of `cells` (the lesson's, in page order) `index` is: {program, occurrence}. */
export function cellName(cells, index) {
  const program = cells[index].program;
  const occurrence = cells.slice(0, index).filter((c) => c.program === program).length;
  return { program, occurrence };
}

/** The payload for cell `index` of `cells` showing `files` ({name: text}) with `params` ({name: value}). */
export function cellPayload(cells, index, files, params) {
  const { program, occurrence } = cellName(cells, index);
  return { cell: program, n: occurrence, files, params };
}

const isTextMap = (value) =>
  value && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

/** The index in `cells` of the cell a payload names, or -1. */
function findCell(cells, program, occurrence) {
  let seen = 0;
  for (const [index, cell] of cells.entries()) {
    if (cell.program === program && seen++ === occurrence) return index;
  }
  return -1;
}

/** {index, files, params} for the cell of `cells` that `payload` names, or {error} (a sentence for the page). */
export function readCellPayload(payload, cells) {
  const { cell: program, n, files, params } = payload;
  if (typeof program !== 'string' || !Number.isInteger(n) || n < 0 || !isTextMap(files) || !isTextMap(params)) {
    return { error: s.badCell(s.notObject) };
  }
  const index = findCell(cells, program, n);
  if (index < 0) return { error: s.noSuchCell(program, n) };
  const names = cells[index].files.map((f) => f.name);
  const sent = Object.keys(files);
  if (names.length !== sent.length || !names.every((name) => Object.hasOwn(files, name))) {
    return { error: s.badCell(s.otherFiles(names, sent)) };
  }
  return { index, files, params, error: null };
}

/**
 * What the page's fragment asks for, given the lesson's cells and the ids of
 * its cluster widgets: null (no share), {cell: {index, files, params}},
 * {cluster: <widget id>} (the widget opens its own run), or {error}.
 */
export function resolveShare(hash, cells, clusterIds = []) {
  if (!isShareLink(hash)) return null;
  const { payload, error } = decodeShare(hash);
  if (error) return { error: s.cannotOpen(error) };
  if (typeof payload.cluster === 'string') {
    return clusterIds.includes(payload.cluster) ? { cluster: payload.cluster } : { error: s.noSuchWidget(payload.cluster) };
  }
  if (!('cell' in payload)) return { error: s.cannotOpen(s.notObject) };
  const cell = readCellPayload(payload, cells);
  return cell.error ? { error: cell.error } : { cell };
}
