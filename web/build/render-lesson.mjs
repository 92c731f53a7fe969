// Turns one lesson.md into {title, html, cells, widgets, dependencies}.
// Cell syntax: see lessons/README.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { parseCheck } from './parse-check.mjs';

export function parseCell(program, body, folder) {
  const cell = {
    program, args: [], controls: [], choices: [], files: [], python: null, threadsRequired: false, sharedMemoryRequired: false,
    title: '', checks: [], runs: 1,
  };
  const dependencies = [];
  const readFile = (name) => {
    const path = join(folder, name);
    dependencies.push(path);
    return { name, source: readFileSync(path, 'utf8') };
  };
  cell.files.push(readFile(`${program}.cpp`));
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    if (colon < 0) throw new Error(`cell ${program}: cannot read line '${line}'`);
    const key = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const label = (value.match(/"([^"]*)"/) || [])[1];
    const words = value.replace(/"[^"]*"/, '').trim().split(/\s+/);
    if (key === 'args') cell.args = value.split(/\s+/).filter(Boolean);
    else if (key === 'control') {
      const [name, range, scale] = words;
      const [min, max] = range.split('..').map(Number);
      if (!name || !Number.isFinite(min) || !Number.isFinite(max)) throw new Error(`cell ${program}: bad control '${line}'`);
      cell.controls.push({ name, min, max, log: scale === 'log', label: label || name });
    } else if (key === 'choice') {
      const [name, options] = words;
      cell.choices.push({ name, options: options.split('|'), label: label || name });
    } else if (key === 'files') cell.files.push(...words.map(readFile));
    else if (key === 'python') cell.python = readFile(words[0]);
    else if (key === 'threads') cell.threadsRequired = words[0] === 'required';
    else if (key === 'shared-memory') cell.sharedMemoryRequired = words[0] === 'required';
    else if (key === 'title') cell.title = value;
    else if (key === 'check') cell.checks.push(parseCheck(value));
    else if (key === 'runs') cell.runs = Math.max(1, Math.min(50, Number(value) || 1));
    else throw new Error(`cell ${program}: unknown key '${key}'`);
  }
  return { cell, dependencies };
}

export function renderLesson(markdown, folder) {
  const md = new MarkdownIt({ html: true, linkify: true, typographer: true });
  const cells = [];
  const widgets = [];
  const dependencies = [];
  const defaultFence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const [kind, name] = token.info.trim().split(/\s+/);
    if (kind === 'cell') {
      const parsed = parseCell(name, token.content, folder);
      dependencies.push(...parsed.dependencies);
      cells.push(parsed.cell);
      return `<div class="cdd-cell" data-cell="${cells.length - 1}"></div>\n`;
    }
    if (kind === 'widget') {
      widgets.push({ name, config: token.content.trim() ? JSON.parse(token.content) : {} });
      return `<div class="cdd-widget" data-widget="${widgets.length - 1}"></div>\n`;
    }
    return defaultFence(tokens, index, options, env, self);
  };
  const html = md.render(markdown);
  const title = (markdown.match(/^#\s+(.+)$/m) || [, 'Untitled'])[1].trim();
  return { title, html, cells, widgets, dependencies };
}
