// "Previous" and "Next" links at the end of every lesson, in menu order (the
// Playground, last in the menu, is where "Next" from the last lesson leads).
import { strings } from './strings.js';

/** The lessons before and after `slug` in `lessons` (null at either end). */
export function neighbours(lessons, slug) {
  const i = lessons.findIndex((l) => l.slug === slug);
  if (i < 0) return { previous: null, next: null };
  return { previous: lessons[i - 1] ?? null, next: lessons[i + 1] ?? null };
}

/** A <nav> with the links (an element to append after the lesson). */
export function lessonPager(lessons, slug) {
  const { previous, next } = neighbours(lessons, slug);
  const nav = document.createElement('nav');
  nav.className = 'lesson-pager';
  nav.setAttribute('aria-label', strings.pagerLabel);
  for (const [lesson, rel, text] of [[previous, 'prev', strings.previousLesson], [next, 'next', strings.nextLesson]]) {
    if (!lesson) continue;
    const link = document.createElement('a');
    link.href = `#/${lesson.slug}`;
    link.rel = rel;
    link.textContent = text(lesson.title);
    nav.append(link);
  }
  return nav;
}
