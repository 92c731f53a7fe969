// The cluster widget (lesson 5): ```widget cluster``` in a lesson.
// Config: {id, title?, question?, spec: {run spec, README.md}, lock?: [field...|'faults'],
//          exercise?: {kind, choices?}}
// A learner sets up a key-value cluster, writes or applies faults, runs it in
// replay (the seeded simulator) or live (a Web Worker per node), and reads the
// views and the checker's verdict. The parts:
//   layout.js          where everything goes;
//   cluster-widget.js  the widget's state and what each button does;
//   controls/          the settings form and the fault-script editor;
//   run-session.js     one run: engine, model, views, run record;
//   transport.js       replay's play/step/seek buttons and live's controls;
//   exercise.js        the Check button of an exercise;
//   share.js           share links in and out.
// This file builds the widget and connects the page's events to it.
import './cluster.css';
import './controls/controls.css';
import { buildLayout } from './layout.js';
import { ClusterWidget } from './cluster-widget.js';

function wireEvents(ref, widget) {
  ref.mode.addEventListener('change', (event) => widget.setMode(event.target.value));
  ref.run.addEventListener('click', () => widget.run());
  ref.stop.addEventListener('click', () => widget.stopByLearner());
  ref.compare.addEventListener('click', () => widget.compare());
  ref.share.addEventListener('click', () => widget.share());
  ref.reset.addEventListener('click', () => widget.reset());
  ref.saveAsReplay.addEventListener('click', () => widget.saveAsReplay());
  ref.root.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    if (!ref.run.disabled) widget.run();
  });
}

// Tests and benchmarks drive the widget through this handle, as a learner would through the page.
function testHandle(widget) {
  return {
    run: () => widget.run(),
    stop: () => widget.stop(),
    compare: () => widget.compare(),
    setMode: (mode) => widget.setMode(mode),
    setSpec: (changes) => widget.setSpec({ ...widget.spec, ...changes }, { redraw: true }),
    shareLink: () => widget.shareLink(),
    exercise: widget.exercise,
    get session() { return widget.session; },
    get spec() { return widget.spec; },
  };
}

export function mount(element, config = {}) {
  const ref = buildLayout(config);
  element.replaceChildren(ref.root);
  const widget = new ClusterWidget(ref, config);
  wireEvents(ref, widget);
  ref.root.cddCluster = testHandle(widget);
  widget.openShared();
  return () => widget.destroy();
}
