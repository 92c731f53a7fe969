// An exercise's Check: judges the learner's own run (exercise-checks.js) once
// it has ended; a prediction exercise asks for the prediction first. A replay
// is played to its end before judging, so the whole run counts.
import { el } from '../dom.js';
import { controlText as t } from './controls/control-strings.js';
import { judgeExercise } from './exercise-checks.js';

export function mountExercise(ref, w, exercise) {
  const result = el('p', { class: 'exercise-result', role: 'status' });
  const name = `predict-${Math.random().toString(36).slice(2, 8)}`;
  const choices = exercise.choices?.length
    ? el('fieldset', { class: 'exercise-choices' }, el('legend', {}, t.exercise.predict),
      exercise.choices.map((choice, i) => el('label', {}, el('input', { type: 'radio', name, value: i }), ` ${choice}`)))
    : null;
  const check = el('button', { type: 'button', class: 'check' }, t.exercise.check);
  ref.exercise.append(choices ?? '', check, result);

  const chosen = () => {
    const picked = choices?.querySelector('input:checked');
    return picked ? Number(picked.value) : null;
  };

  async function judge() {
    const session = w.session;
    if (!session) return show({ passed: false, message: t.exercise.needRun });
    if (session.mode === 'replay' && session.stopped && !session.ended) return show({ passed: false, message: t.exercise.stoppedEarly });
    result.textContent = t.exercise.checking;
    try {
      if (session.mode === 'replay') {
        await session.started;
        if (!session.ended) await session.player?.toEnd();
      }
      const faults = session.mode === 'live' ? (await session.faultScript().catch(() => null)) ?? [] : session.spec.faults;
      return show(judgeExercise(exercise.kind, { spec: session.spec, verdict: session.verdict, ops: session.record.ops, faults }, chosen()));
    } catch (error) {
      return show({ passed: false, message: t.exercise.failed(error.message) });
    }
  }

  function show(verdict) {
    result.textContent = verdict.message;
    result.dataset.passed = String(verdict.passed);
    return verdict;
  }

  check.addEventListener('click', judge);
  return { judge, choose: (i) => choices?.querySelectorAll('input')[i]?.click() };
}
