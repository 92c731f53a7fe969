// Pure geometry of the cluster views: ring positions, time scales, message flight progress,
// hit-testing, lanes, axis ticks, diagram columns and window descriptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ringPositions, timeScale, visibleRange, flightProgress, lerpPoint, distanceToSegment, laneRows, timeTicks } from '../../web/src/widgets/cluster/views/geometry.js';
import { diagramColumns } from '../../web/src/widgets/cluster/views/diagram-view.js';
import { describe } from '../../web/src/widgets/cluster/views/verdict-view.js';

const close = (a, b, what) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

test('ring positions: n nodes evenly on the circle, the first at the top, clockwise', () => {
  for (const n of [3, 5, 7]) {
    const points = ringPositions(n, { cx: 100, cy: 100, r: 50 });
    assert.equal(points.length, n);
    close(points[0].x, 100, 'top x');
    close(points[0].y, 50, 'top y');
    assert.ok(points[1].x > 100, 'the second is to the right (clockwise)');
    for (const p of points) close(Math.hypot(p.x - 100, p.y - 100), 50, 'radius');
    for (let i = 0; i < n; i++) {
      const a = points[i];
      const b = points[(i + 1) % n];
      close(Math.hypot(a.x - b.x, a.y - b.y), 2 * 50 * Math.sin(Math.PI / n), 'even spacing');
    }
  }
});

test('time scale maps both ways; the visible range slides once the run is longer than the span', () => {
  const s = timeScale(1e9, 3e9, 40, 440);
  assert.equal(s.toPixel(1e9), 40);
  assert.equal(s.toPixel(2e9), 240);
  assert.equal(s.toPixel(3e9), 440);
  assert.equal(s.toTime(240), 2e9);
  assert.deepEqual(visibleRange(3e9, 10e9), [0, 10e9]);
  assert.deepEqual(visibleRange(25e9, 10e9), [15e9, 25e9]);
});

test('a message travels from 0 to 1 between its send and arrival, stretched by the slowdown', () => {
  const m = { sent: 100, arrive: 200, delivered: null, dropped: null };
  assert.equal(flightProgress(m, 50), null, 'not sent yet');
  assert.equal(flightProgress(m, 150), 0.5);
  assert.equal(flightProgress(m, 150, 10), 0.05);
  assert.equal(flightProgress(m, 1000), 0.98, 'late: waits short of its destination while in flight');
  const done = { ...m, delivered: 200 };
  assert.equal(flightProgress(done, 199), 0.99);
  assert.equal(flightProgress(done, 200), null, 'gone once delivered');
  assert.equal(flightProgress(done, 600, 10), 0.5, 'slowed down ten times: half-way at 500 ns of screen time');
  const dropped = { sent: 100, arrive: 200, delivered: null, dropped: 150 };
  assert.equal(flightProgress(dropped, 180, 1, 100), 0.5, 'stops where it was dropped');
  assert.equal(flightProgress(dropped, 260, 1, 100), null, 'and vanishes after the linger time');
  assert.deepEqual(lerpPoint({ x: 0, y: 0 }, { x: 10, y: 20 }, 0.5), { x: 5, y: 10 });
});

test('hit-testing measures distance to a segment, ends included', () => {
  const a = { x: 0, y: 0 };
  const b = { x: 10, y: 0 };
  assert.equal(distanceToSegment({ x: 5, y: 3 }, a, b), 3);
  assert.equal(distanceToSegment({ x: -4, y: 3 }, a, b), 5);
  assert.equal(distanceToSegment({ x: 3, y: 4 }, a, a), 5);
});

test('lanes get consecutive rows; ticks fall on round seconds inside the range', () => {
  const rows = laneRows(['c1', 'c2', 'c10'], 30, 20);
  assert.deepEqual([...rows].map(([lane, r]) => [lane, r.index, r.y]), [['c1', 0, 30], ['c2', 1, 50], ['c10', 2, 70]]);
  assert.deepEqual(timeTicks(0, 10e9, 5), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(timeTicks(15e9, 25e9, 6), [16, 18, 20, 22, 24], 'multiples of the step');
  const fine = timeTicks(1.23e9, 1.5e9, 5);
  assert.ok(fine.length >= 3 && fine.every((t) => t >= 1.23 && t <= 1.5), `${fine}`);
  assert.deepEqual(timeTicks(5, 5), []);
});

test('diagram columns: clients first, then the nodes, spread over the width', () => {
  const cols = diagramColumns(['n1', 'n2', 'n3'], 480, 40);
  assert.deepEqual([...cols], [['clients', 40], ['n1', 173.33333333333334], ['n2', 306.6666666666667], ['n3', 440]]);
});

test('a window operation is described by the checker’s words, or from its fields', () => {
  assert.equal(describe({ description: 'process 0 write k1 1 -> ok' }), 'process 0 write k1 1 -> ok');
  assert.equal(describe({ process: 2, f: 'cas', key: 'k0', value: [1, 2], outcome: 'fail', invoke: 0, complete: 3e6 }), 'process 2 cas k0 1→2 → fail (3 ms)');
});
