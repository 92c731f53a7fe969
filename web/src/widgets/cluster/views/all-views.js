// Every view of one run, mounted into the layout's containers and drawn together by the run's
// animation loop: `createViews({ring, detail, history, diagram, verdict, plots, logs}, model, callbacks)`.
// Any container left out is skipped. callbacks: onDropMessage(id) (a message in flight clicked on
// the ring), onSelectNode(id), onHoverOperation(op or null); options: slowdown, animate,
// historySpanNs, diagramSpanNs.
import { createRingView } from './ring-view.js';
import { createNodeDetailView } from './node-detail-view.js';
import { createHistoryView } from './history-view.js';
import { createDiagramView } from './diagram-view.js';
import { createVerdictView } from './verdict-view.js';
import { createPlotsView } from './plots-view.js';
import { createNodeLogsView } from '../own-node/node-logs-view.js';

export function createViews(containers, model, callbacks = {}) {
  const hover = { onHoverOperation: callbacks.onHoverOperation };
  const make = (name, create, options) => (containers[name] ? create(containers[name], model, options) : null);
  const views = {
    ring: make('ring', createRingView, {
      onSelectNode: callbacks.onSelectNode, onSelectMessage: callbacks.onDropMessage,
      slowdown: callbacks.slowdown, animate: callbacks.animate,
    }),
    detail: make('detail', createNodeDetailView, {}),
    history: make('history', createHistoryView, { ...hover, spanNs: callbacks.historySpanNs }),
    diagram: make('diagram', createDiagramView, { ...hover, spanNs: callbacks.diagramSpanNs }),
    verdict: make('verdict', createVerdictView, hover),
    plots: make('plots', createPlotsView, {}),
    logs: make('logs', createNodeLogsView, {}), // own nodes' stderr and problems
  };
  const present = Object.values(views).filter(Boolean);
  return {
    ...views,
    /** Draws every view at run time nowNs (each one skips the work when nothing it shows moved). */
    render(nowNs) {
      for (const view of present) view.render(nowNs);
    },
    setSlowdown: (factor) => views.ring?.setSlowdown(factor),
    setAnimation: (on) => views.ring?.setAnimation(on),
    destroy() {
      for (const view of present) view.destroy();
    },
  };
}
