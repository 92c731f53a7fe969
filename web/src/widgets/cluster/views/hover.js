// The hovered operation is one for every view: it lives in the model (which
// each view reads when it draws), and a change is told to onHoverOperation.
export function hoverOperation(model, callbacks, seq) {
  if (seq === model.highlightedOperation) return;
  model.highlightOperation(seq);
  callbacks.onHoverOperation?.(seq == null ? null : model.operations.get(seq) ?? null);
}

/** The pointer left a view (or Escape): its tooltip hides and nothing is hovered. */
export function leaveHover(model, callbacks, tooltip) {
  tooltip.hidden = true;
  hoverOperation(model, callbacks, null);
}
