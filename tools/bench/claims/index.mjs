// Every claim of lessons 1-4, in lesson order. A claim is
//   {lesson, program, title?, args?, quote, says, check}
// lesson: the lesson folder the quote comes from; program: whose default cell
// (the first cell of that program without a title) is run, or with `title`
// the exercise cell of that title, as shipped; args: settings the
// sentence itself names (e.g. `chunk=100`), filled in before Run, otherwise the
// cell's defaults; quote: the sentence (or the part of it) that makes the
// claim, verbatim but for line breaks; says: the check in words; check: the
// check (./checks.mjs) on one run.
//
// One list per lesson, here next to the bench rather than in lessons/: the
// checks read the programs' report lines, which is the bench's business, and
// the lesson texts stay prose. tests/node/bench-claims.test.mjs keeps the two
// in step (every quote must still be in its lesson.md).
import lesson1 from './01-why-performance.mjs';
import lesson2 from './02-concurrency.mjs';
import lesson3 from './03-parallelism.mjs';
import lesson4 from './04-multiprocessing.mjs';

const tag = (lesson, claims) => claims.map((claim) => ({ lesson, ...claim }));

export const claims = [
  ...tag('01-why-performance', lesson1),
  ...tag('02-concurrency', lesson2),
  ...tag('03-parallelism', lesson3),
  ...tag('04-multiprocessing', lesson4),
];
