// Lessons link to the previous and next one (issue 15, item 10), in menu order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, openLesson } from './browser.mjs';

let site;
before(async () => {
  site = await openSite();
});
after(async () => {
  await site?.close();
});

test('the first lesson links on to the second, which links back; following Next opens it', async () => {
  await openLesson(site, '01-why-performance');
  const { page } = site;
  const menu = await page.$$eval('.lesson-nav a', (links) => links.map((a) => ({ href: a.getAttribute('href'), title: a.textContent })));
  const links = () => page.$$eval('.lesson-pager a', (as) => as.map((a) => ({ rel: a.rel, href: a.getAttribute('href'), text: a.textContent })));
  assert.deepEqual(await links(), [{ rel: 'next', href: menu[1].href, text: `Next: ${menu[1].title} →` }]);
  await page.click('.lesson-pager a[rel=next]');
  await page.waitForFunction((href) => document.querySelector('.lesson-nav a[aria-current=page]')?.getAttribute('href') === href, menu[1].href);
  await page.waitForSelector('.lesson-pager a[rel=prev]');
  const second = await links();
  assert.deepEqual(second[0], { rel: 'prev', href: menu[0].href, text: `← Previous: ${menu[0].title}` });
  assert.deepEqual(second[1], { rel: 'next', href: menu[2].href, text: `Next: ${menu[2].title} →` });
});
