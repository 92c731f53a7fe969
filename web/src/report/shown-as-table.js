// The text equivalent of a picture (a chart, an image): a "Show as table"
// button under it that opens a table of what it shows. The table is filled
// only while it is open, from `rowsOf()`, and again on every refresh().
import { strings } from '../strings.js';
import { fillTable } from './table-view.js';

let nextId = 0;

export class ShownAsTable {
  /**
   * @param {Element} parent where the button and the table go (appended)
   * @param {() => {columns: string[], rows: string[][]}} rowsOf what the table lists now
   */
  constructor(parent, caption, rowsOf) {
    this.rowsOf = rowsOf;
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'show-table';
    this.box = document.createElement('div');
    this.box.className = 'shown-table';
    this.box.id = `shown-table-${++nextId}`;
    this.box.innerHTML = '<table><caption></caption><thead><tr></tr></thead><tbody></tbody></table>';
    this.table = this.box.firstChild;
    this.table.caption.id = `${this.box.id}-caption`;
    this.setCaption(caption);
    this.button.setAttribute('aria-controls', this.box.id);
    // Every picture has such a button: the caption (read even while hidden) says whose it is.
    this.button.setAttribute('aria-describedby', this.table.caption.id);
    this.button.addEventListener('click', () => this.setOpen(this.box.hidden));
    parent.append(this.button, this.box);
    this.setOpen(false);
  }

  setCaption(caption) {
    this.table.caption.textContent = caption;
  }

  setOpen(open) {
    this.box.hidden = !open;
    this.button.textContent = open ? strings.hideTable : strings.showTable;
    this.button.setAttribute('aria-expanded', String(open));
    this.refresh();
  }

  /** Lists the current rows (while open; a closed table is filled when opened). */
  refresh() {
    if (this.box.hidden) return;
    const { columns, rows } = this.rowsOf();
    fillTable(this.table, columns, rows);
  }
}
