// A cell's parameter inputs. Values go to the program as key=value arguments
// exactly as typed: the program checks them and explains what is wrong, so the
// page and the native build give the same message for the same input.
export class Controls {
  constructor(element, cell) {
    this.defaults = Object.fromEntries(cell.args.map((a) => a.split('=')).map(([k, ...v]) => [k, v.join('=')]));
    this.inputs = new Map();
    element.className = 'cell-controls';
    for (const control of cell.controls) {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = 'numeric';
      input.name = control.name;
      input.value = this.defaults[control.name] ?? String(control.min);
      input.title = `${control.min} to ${control.max}`;
      input.size = 10;
      label.append(`${control.label} `, input);
      element.append(label);
      this.inputs.set(control.name, { input, initial: input.value });
    }
    for (const choice of cell.choices) {
      const label = document.createElement('label');
      const select = document.createElement('select');
      select.name = choice.name;
      for (const option of choice.options) select.append(new Option(option, option));
      select.value = this.defaults[choice.name] ?? choice.options[0];
      label.append(`${choice.label} `, select);
      element.append(label);
      this.inputs.set(choice.name, { input: select, initial: select.value });
    }
    element.hidden = this.inputs.size === 0;
  }

  /** The program's arguments: defaults, overridden by the inputs. */
  args() {
    const values = { ...this.defaults };
    for (const [name, { input }] of this.inputs) values[name] = input.value.trim();
    return Object.entries(values).map(([k, v]) => `${k}=${v}`);
  }

  /** {name: value} of the inputs as they are (what a share link carries). */
  values() {
    return Object.fromEntries([...this.inputs].map(([name, { input }]) => [name, input.value]));
  }

  /** Sets the inputs `values` names; returns the names it could not set (no such input, or not one of a choice's options). */
  setValues(values) {
    const refused = [];
    for (const [name, value] of Object.entries(values)) {
      const input = this.inputs.get(name)?.input;
      const isOption = input?.tagName !== 'SELECT' || [...input.options].some((o) => o.value === value);
      if (input && isOption) input.value = value;
      else refused.push(name);
    }
    return refused;
  }

  reset() {
    for (const { input, initial } of this.inputs.values()) input.value = initial;
  }
}
