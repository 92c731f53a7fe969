// Below the Run button: in replay, the player's buttons (play, step, step
// back, next fault, the violation, to the end, speed); in live, the rate,
// a form to send one request by hand; for both, the animation. They act on
// the current run (attach) and do nothing without one.
import { el } from '../dom.js';
import { controlText as t } from './controls/control-strings.js';
import { nodeIds } from './model/fault-script.js';

const button = (label, onclick, cls) => el('button', { type: 'button', class: cls, onclick }, label);
const select = (name, label, options, value) => el('label', {}, `${label} `,
  el('select', { name }, options.map(([v, text]) => el('option', { value: v, selected: v === value ? '' : null }, text))));

export function mountTransport(ref, w) {
  let session = null;
  const player = () => session?.player;
  const liveRun = () => session?.live;
  const positionText = el('span', { class: 'transport-position', 'aria-live': 'off' });

  const playButton = button(t.transport.play, () => (player()?.state.playing ? player().pause() : player()?.play()), 'play');
  const replayPanel = el('div', { class: 'transport-replay' },
    playButton,
    button(t.transport.back, () => player()?.back(), 'back'),
    button(t.transport.step, () => player()?.step(), 'step'),
    button(t.transport.toFault, () => player()?.jumpTo('fault'), 'to-fault'),
    button(t.transport.toViolation, async () => {
      const found = await player()?.jumpTo('violation');
      if (found && !found.found) ref.status.textContent = t.transport.noViolation;
    }, 'to-violation'),
    button(t.transport.toEnd, () => player()?.toEnd(), 'to-end'),
    select('speed', t.transport.speed, [['slow', t.speeds.slow], ['normal', t.speeds.normal], ['fast', t.speeds.fast], ['max', t.speeds.max]], 'normal'),
    positionText);
  replayPanel.querySelector('[name=speed]').addEventListener('change', (e) => player()?.setSpeed(e.target.value));

  const manual = el('form', { class: 'transport-manual', 'aria-label': t.live.manual });
  const rateShown = el('output', {}, '50');
  const livePanel = el('div', { class: 'transport-live' },
    el('label', {}, `${t.live.rate} `, el('input', { type: 'range', name: 'rate', min: 1, max: 500, value: 50 }), ' ', rateShown),
    manual);
  const rate = livePanel.querySelector('[name=rate]');
  rate.addEventListener('input', () => (rateShown.textContent = rate.value));
  const report = (error) => (ref.status.textContent = `${error.message}`);
  rate.addEventListener('change', () => liveRun()?.setRate(Number(rate.value)).catch(report));

  function drawManual() {
    manual.hidden = w.spec.protocol === 'own' && w.spec.workload !== 'lin-kv'; // the form sends lin-kv requests
    const keys = Array.from({ length: w.spec.keys ?? 3 }, (_, i) => [`k${i}`, `k${i}`]);
    manual.replaceChildren(el('span', {}, t.live.manual),
      select('node', t.live.toNode, nodeIds(w.spec.nodes).map((id) => [id, id])),
      select('f', t.live.op, [['read', 'read'], ['write', 'write'], ['cas', 'cas']]),
      select('key', t.live.key, keys),
      el('label', {}, `${t.live.value} `, el('input', { type: 'number', name: 'value', value: 1, min: 0, max: 1000 })),
      el('label', {}, `${t.live.from} `, el('input', { type: 'number', name: 'from', value: 1, min: 0, max: 1000 })),
      el('button', { type: 'submit' }, t.live.send));
  }
  manual.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(manual);
    const f = form.get('f');
    const value = Number(form.get('value'));
    const op = { node: form.get('node'), f, key: form.get('key') };
    if (f === 'write') op.value = value;
    if (f === 'cas') Object.assign(op, { from: Number(form.get('from')), to: value });
    liveRun()?.clientOp(op).catch(report);
  });

  // Message animation, for both engines: the dots on the ring can be slowed or switched off
  // (off from the start for a reader whose system asks for reduced motion).
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  const animation = select('animation', t.live.animation, [['normal', t.speeds.normal], ['slow', t.speeds.slow], ['off', t.speeds.off]], still ? 'off' : 'normal');
  const applyAnimation = () => {
    const value = animation.querySelector('select').value;
    session?.views?.setAnimation(value !== 'off');
    session?.views?.setSlowdown(value === 'slow' ? 4 : 1);
  };
  animation.querySelector('select').addEventListener('change', applyAnimation);

  ref.transport.append(replayPanel, livePanel, animation);
  return {
    setMode(mode) {
      replayPanel.hidden = mode !== 'replay';
      livePanel.hidden = mode !== 'live';
      drawManual();
    },
    attach(s) {
      session = s;
      rate.value = s.spec.rate;
      rateShown.textContent = String(s.spec.rate);
      positionText.textContent = '';
      applyAnimation();
    },
    position({ time, eventIndex, playing }) {
      positionText.textContent = t.transport.position(time / 1e6, eventIndex);
      playButton.textContent = playing ? t.transport.pause : t.transport.play;
    },
  };
}
