// The node templates: lessons/05-distributed-systems/nodes/<id>.cpp imported as text at build
// time, the very files the native build compiles, so what the editor shows is what runs.
// A template whose file is missing is listed as unavailable instead of breaking the build.
import { OWN_TEMPLATES } from '../model/run-spec.js';
import { ownText } from './own-strings.js';

const files = import.meta.glob('../../../../../lessons/05-distributed-systems/nodes/*.cpp', { query: '?raw', import: 'default', eager: true });
const sourceOf = (id) => files[`../../../../../lessons/05-distributed-systems/nodes/${id}.cpp`] ?? null;

/** [{id, file, name, checks, source|null}] in the order a learner meets them. */
export function nodeTemplates() {
  return Object.keys(OWN_TEMPLATES).map((id) => ({ id, file: `${id}.cpp`, ...ownText.templates[id], source: sourceOf(id) }));
}

export function nodeTemplate(id) {
  return nodeTemplates().find((t) => t.id === id) ?? null;
}
