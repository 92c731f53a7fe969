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
import { shareFor, presentShare } from './share/open-link.js';

const nav = document.querySelector('#lesson-nav ol');
const main = document.querySelector('#lesson');
const menuToggle = document.querySelector('.menu-toggle');
let unmountLesson = () => {};
// Hidden lessons (folders named _something) open by their link but are not listed.
const menuLessons = lessons.filter((lesson) => !lesson.hidden);

function renderMenu(activeSlug) {
  nav.replaceChildren(
    ...menuLessons.map((lesson) => {
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
  const slug = slugInHash() || menuLessons[0]?.slug;
  const entry = lessons.find((l) => l.slug === slug);
  renderMenu(slug);
  setMenuOpen(false);
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
  const share = await shareFor(location.hash, lesson); // a share link: which cell it opens, or why it cannot
  main.innerHTML = lesson.html;
  main.append(lessonPager(menuLessons, slug)); // hidden lessons are not linked
  document.title = `${lesson.title} · Concurrency Deep Dive`;
  const unmounts = [];
  main.querySelectorAll('.cdd-cell').forEach((el, i) => {
    const index = Number(el.dataset.cell);
    const shared = share?.cell?.index === index ? share.cell : null;
    unmounts.push(mountCell(el, lesson.cells[index], { lesson: lesson.slug, first: i === 0, share: { cells: lesson.cells, index }, shared }));
  });
  for (const el of main.querySelectorAll('.cdd-widget')) {
    unmounts.push(mountWidget(el, lesson.widgets[Number(el.dataset.widget)]));
  }
  unmountLesson = () => unmounts.forEach((u) => typeof u === 'function' && u());
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  presentShare(main, share);
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

// On a narrow screen the menu is collapsed behind its button; opened, it lies
// over the page just below the header (wherever the reader has scrolled to).
function setMenuOpen(open) {
  document.body.classList.toggle('menu-open', open);
  menuToggle.setAttribute('aria-expanded', String(open));
  const navBox = document.querySelector('#lesson-nav');
  navBox.style.setProperty('--menu-top', `${document.querySelector('.site-header').getBoundingClientRect().bottom}px`);
  if (open) navBox.querySelector('a[aria-current]')?.focus({ preventScroll: true });
}

menuToggle.addEventListener('click', () => setMenuOpen(!document.body.classList.contains('menu-open')));
// A tap on the page beside the opened menu closes it, as on most phone sites.
document.addEventListener('click', (event) => {
  if (document.body.classList.contains('menu-open') && !event.target.closest('#lesson-nav, .menu-toggle')) setMenuOpen(false);
});
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && document.body.classList.contains('menu-open')) {
    setMenuOpen(false);
    menuToggle.focus();
  }
});

setUpTheme();
showIsolation();
window.addEventListener('hashchange', showLesson);
showLesson();
