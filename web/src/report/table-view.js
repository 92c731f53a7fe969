// A results table from `table` reports: a header line, then rows.

/** A table's caption from its id, as a heading reads: "amdahl-fit" -> "Amdahl fit". */
export function captionOf(id) {
  const words = String(id).replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
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
    const cells = (values, tag) =>
      values.map((value) => {
        const cell = document.createElement(tag);
        cell.textContent = value;
        return cell;
      });
    if (columns) this.head.replaceChildren(...cells(columns, 'th'));
    if (row) {
      const tr = document.createElement('tr');
      tr.append(...cells(row, 'td'));
      this.body.append(tr);
    }
  }
}
