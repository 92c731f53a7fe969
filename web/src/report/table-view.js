// A results table from `table` reports: a header line, then rows.

/** A table's caption from its id, as a heading reads: "amdahl-fit" -> "Amdahl fit". */
export function captionOf(id) {
  const words = String(id).replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Table cells (`th` or `td`) holding `values` as text. */
export function tableCells(values, tag) {
  return values.map((value) => {
    const cell = document.createElement(tag);
    cell.textContent = value;
    if (tag === 'th') cell.scope = 'col';
    return cell;
  });
}

/** Replaces a table's header row and body: `columns` names, `rows` of cell text. */
export function fillTable(table, columns, rows) {
  table.tHead.rows[0].replaceChildren(...tableCells(columns, 'th'));
  table.tBodies[0].replaceChildren(...rows.map((row) => {
    const tr = document.createElement('tr');
    tr.append(...tableCells(row, 'td'));
    return tr;
  }));
}

export class TableView {
  constructor(element, name) {
    this.element = element;
    element.className = 'table-view';
    element.innerHTML = '<table><caption></caption><thead><tr></tr></thead><tbody></tbody></table>';
    element.querySelector('caption').textContent = captionOf(name);
    this.head = element.querySelector('thead tr');
    this.body = element.querySelector('tbody');
  }

  add({ columns, row }) {
    if (columns) this.head.replaceChildren(...tableCells(columns, 'th'));
    if (row) {
      const tr = document.createElement('tr');
      tr.append(...tableCells(row, 'td'));
      this.body.append(tr);
    }
  }
}
