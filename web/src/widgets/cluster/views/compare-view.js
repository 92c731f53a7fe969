// The compare table: one row per protocol on the same seed and fault script
// (rows from the replay engine's compare(), added as they finish). A real
// <table> with a caption and header cells with scope, so a screen reader
// announces each figure with its protocol and column.

const COLUMNS = [
  { key: 'ok', label: 'ok', format: String },
  { key: 'failed', label: 'failed', format: String },
  { key: 'indefinite', label: 'indefinite', format: String },
  { key: 'medianMs', label: 'median latency (ms)', format: (v) => (v === null ? '–' : v.toFixed(1)) },
  { key: 'p99Ms', label: 'p99 latency (ms)', format: (v) => (v === null ? '–' : v.toFixed(1)) },
  { key: 'messagesPerOp', label: 'messages per operation', format: (v) => (v === null ? '–' : v.toFixed(1)) },
];

function cell(doc, tag, text, attributes = {}) {
  const element = doc.createElement(tag);
  element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function verdictCell(doc, row) {
  const td = cell(doc, 'td', row.verdict);
  td.className = `cluster-compare-verdict is-${row.verdict.replace(/\s+/g, '-')}`;
  if (row.sentence) td.title = row.sentence;
  return td;
}

/**
 * Mounts an empty table in `parent`, replacing what it held (a new comparison
 * replaces the last one's table).
 * @returns {{element: HTMLTableElement, addRow(row), setRows(rows), clear(), setCaption(text)}}
 */
export function createCompareView(parent, { caption = 'The same seed and faults under each protocol' } = {}) {
  const doc = parent.ownerDocument;
  const table = doc.createElement('table');
  table.className = 'cluster-compare';
  const captionElement = cell(doc, 'caption', caption);
  const head = doc.createElement('thead');
  const headRow = doc.createElement('tr');
  headRow.append(cell(doc, 'th', 'protocol', { scope: 'col' }));
  for (const column of COLUMNS) headRow.append(cell(doc, 'th', column.label, { scope: 'col' }));
  headRow.append(cell(doc, 'th', 'verdict', { scope: 'col' }));
  head.append(headRow);
  const body = doc.createElement('tbody');
  table.append(captionElement, head, body);
  parent.replaceChildren(table);

  const addRow = (row) => {
    const tr = doc.createElement('tr');
    tr.dataset.protocol = row.protocol;
    tr.append(cell(doc, 'th', row.label ?? row.protocol, { scope: 'row' }));
    for (const column of COLUMNS) tr.append(cell(doc, 'td', column.format(row[column.key] ?? null)));
    tr.append(verdictCell(doc, row));
    body.append(tr);
  };
  const clear = () => body.replaceChildren();
  return {
    element: table,
    addRow,
    setRows(rows) {
      clear();
      rows.forEach(addRow);
    },
    clear,
    setCaption(text) {
      captionElement.textContent = text;
    },
  };
}
