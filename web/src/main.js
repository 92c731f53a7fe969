// The page shell: lesson menu, hash routing (#/<lesson>), theme, isolation status.
import lessons from 'virtual:lessons';
import './styles.css';
import { strings } from './strings.js';
import { mountCell } from './cells/cell.js';
import { mountWidget } from './widgets/registry.js';
import { isolation } from './runner/isolation.js';
import { prepare, programUrl } from './runner/runner.js';
import { onThemeChange, setTheme, currentTheme } from './theme.js';
import { lessonPager } from './lesson-pager.js';

const nav = document.querySelector('#lesson-nav ol');
const main = document.querySelector('#lesson');
const menuToggle = document.querySelector('.menu-toggle');
let unmountLesson = () => {};

function renderMenu(activeSlug) {
  nav.replaceChildren(
    ...lessons.map((lesson) => {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#/${lesson.slug}`;
      link.textContent = lesson.title;
      if (lesson.slug === activeSlug) link.setAttribute('aria-current', 'page');
      item.append(link);
      return item;
    }),
  );
}

// The lesson slug the URL names (#/<slug>, then optionally /... or ?... for
// the lesson itself, e.g. a cluster's share link). A malformed escape (#/%E0)
// names no lesson: it is kept as written, so the page says there is no such lesson.
function slugInHash() {
  const raw = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

async function showLesson() {
  const slug = slugInHash() || lessons[0]?.slug;
  const entry = lessons.find((l) => l.slug === slug);
  renderMenu(slug);
  document.body.classList.remove('menu-open');
  menuToggle.setAttribute('aria-expanded', 'false');
  unmountLesson();
  if (!entry) {
    main.innerHTML = `<p class="error"></p>`;
    main.firstChild.textContent = strings.lessonMissing(slug);
    return;
  }
  // The first cell's program downloads and compiles (and its thread pool
  // starts) while the lesson's chunk loads and renders, not after: Run on the
  // first cell then starts at once. Nothing of the program runs before Run.
  if (entry.firstProgram) prepare(programUrl(entry.firstProgram));
  const { default: lesson } = await entry.load();
  main.innerHTML = lesson.html;
  main.append(lessonPager(lessons, slug));
  document.title = `${lesson.title} · Concurrency Deep Dive`;
  const unmounts = [];
  main.querySelectorAll('.cdd-cell').forEach((el, i) => {
    unmounts.push(mountCell(el, lesson.cells[Number(el.dataset.cell)], { lesson: lesson.slug, first: i === 0 }));
  });
  for (const el of main.querySelectorAll('.cdd-widget')) {
    unmounts.push(mountWidget(el, lesson.widgets[Number(el.dataset.widget)]));
  }
  unmountLesson = () => unmounts.forEach((u) => typeof u === 'function' && u());
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

function showIsolation() {
  const status = document.querySelector('.isolation-status');
  status.textContent = isolation.threads ? strings.isolated : strings.notIsolated;
  status.title = isolation.threads ? strings.isolatedTitle : strings.notIsolatedNotice;
  status.dataset.state = isolation.threads ? 'on' : 'off';
  if (!isolation.threads) {
    const notice = document.createElement('div');
    notice.className = 'notice isolation-notice';
    notice.setAttribute('role', 'note');
    notice.textContent = strings.notIsolatedNotice;
    document.querySelector('.layout').before(notice);
  }
}

function setUpTheme() {
  const button = document.querySelector('.theme-toggle');
  const label = () => (button.textContent = currentTheme() === 'dark' ? strings.themeToLight : strings.themeToDark);
  button.addEventListener('click', () => setTheme(currentTheme() === 'dark' ? 'light' : 'dark'));
  onThemeChange(label);
  label();
}

menuToggle.addEventListener('click', () => {
  const open = document.body.classList.toggle('menu-open');
  menuToggle.setAttribute('aria-expanded', String(open));
});

setUpTheme();
showIsolation();
window.addEventListener('hashchange', showLesson);
showLesson();
