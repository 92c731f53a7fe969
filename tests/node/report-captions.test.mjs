// Small things a first visit meets (issue 15, item 10): a table's caption is
// not its raw id, and lessons link to the previous and next one.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('a table id becomes a caption: "amdahl-fit" reads "Amdahl fit"', async () => {
  const { captionOf } = await import('../../web/src/report/table-view.js');
  assert.equal(captionOf('amdahl-fit'), 'Amdahl fit');
  assert.equal(captionOf('summary'), 'Summary');
  assert.equal(captionOf('pool_sizes'), 'Pool sizes');
});

test('previous and next lessons follow the menu order, none beyond either end', async () => {
  globalThis.navigator ??= { platform: 'Linux x86_64' }; // strings.js reads it; node 20 has none
  const { neighbours } = await import('../../web/src/lesson-pager.js');
  const lessons = [{ slug: 'a' }, { slug: 'b' }, { slug: 'c' }];
  assert.deepEqual(neighbours(lessons, 'a'), { previous: null, next: lessons[1] });
  assert.deepEqual(neighbours(lessons, 'b'), { previous: lessons[0], next: lessons[2] });
  assert.deepEqual(neighbours(lessons, 'c'), { previous: lessons[1], next: null });
  assert.deepEqual(neighbours(lessons, 'missing'), { previous: null, next: null });
});
