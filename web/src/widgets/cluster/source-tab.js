// The "C++ of this protocol" tab: the protocol's real source files
// (protocol-sources.js) in a read-only editor, made when first shown and
// remade when the protocol changes.
import { CodeEditor } from '../../editor/code-editor.js';
import { protocolSources } from './protocol-sources.js';

export function mountSourceTab(ref, protocol) {
  let editor = null;
  let shownFor = null;
  const show = (tab) => {
    const source = tab === 'source';
    ref.tabCluster.setAttribute('aria-selected', String(!source));
    ref.tabSource.setAttribute('aria-selected', String(source));
    ref.body.hidden = source;
    ref.source.hidden = !source;
    if (source && shownFor !== protocol()) {
      editor?.destroy();
      ref.source.replaceChildren();
      const holder = document.createElement('div');
      ref.source.append(holder);
      editor = new CodeEditor(holder, { lesson: 'kv-protocols', files: protocolSources(protocol()), readOnly: true });
      shownFor = protocol();
    }
  };
  ref.tabCluster.addEventListener('click', () => show('cluster'));
  ref.tabSource.addEventListener('click', () => show('source'));
  return {
    protocolChanged() {
      if (!ref.source.hidden) show('source');
    },
    destroy: () => editor?.destroy(),
  };
}
