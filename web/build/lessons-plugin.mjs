// Renders lessons/*/lesson.md at build time, so the page ships HTML, not a
// Markdown parser. `import lessons from 'virtual:lessons'` gives the menu (in
// folder-name order; folders starting with `_` are hidden from it); each
// lesson is its own chunk, loaded when opened. Cells carry the real source
// files of their programs, read from the lesson folder (never a pasted copy).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderLesson } from './render-lesson.mjs';

const lessonsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lessons');
const VIRTUAL_ID = 'virtual:lessons';
const RESOLVED_ID = '\0virtual:lessons';

function lessonFolders() {
  return readdirSync(lessonsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(lessonsDir, d.name, 'lesson.md')))
    .map((d) => d.name)
    .sort();
}

export function lessonsPlugin() {
  return {
    name: 'cdd-lessons',
    resolveId(id) {
      return id === VIRTUAL_ID ? RESOLVED_ID : null;
    },
    load(id) {
      if (id === RESOLVED_ID) {
        const entries = lessonFolders().map((slug) => {
          const file = join(lessonsDir, slug, 'lesson.md');
          const { title, cells } = renderLesson(readFileSync(file, 'utf8'), join(lessonsDir, slug));
          // A folder named _something is built and opens by its link, but is not in the menu.
          const hidden = slug.startsWith('_');
          // firstProgram: the page starts loading it while the lesson's own chunk loads.
          const firstProgram = cells[0]?.program ?? null;
          return `{slug: ${JSON.stringify(slug)}, title: ${JSON.stringify(title)}, hidden: ${hidden}, ` +
            `firstProgram: ${JSON.stringify(firstProgram)}, load: () => import(${JSON.stringify(file)})}`;
        });
        return `export default [${entries.join(',\n')}];`;
      }
      if (id.endsWith('.md') && id.startsWith(lessonsDir)) {
        const folder = dirname(id);
        const lesson = renderLesson(readFileSync(id, 'utf8'), folder);
        for (const file of lesson.dependencies) this.addWatchFile(file);
        return `export default ${JSON.stringify({ slug: basename(folder), ...lesson, dependencies: undefined })};`;
      }
      return null;
    },
  };
}
