// Interactive widgets named by ```widget <name>``` blocks in lessons. Each lives
// in web/src/widgets/<name>/index.js, exports mount(element, config) (which may
// return an unmount function) and is loaded only when a lesson uses it.
const modules = import.meta.glob('./*/index.js');

export function mountWidget(element, { name, config }) {
  const load = modules[`./${name}/index.js`];
  element.classList.add('widget', `widget-${name}`);
  if (!load) {
    element.textContent = `Unknown widget “${name}”.`;
    return () => {};
  }
  let unmount = () => {};
  let cancelled = false;
  load()
    .then((module) => {
      if (!cancelled) unmount = module.mount(element, config) || (() => {});
    })
    .catch((error) => (element.textContent = `The ${name} widget failed to load: ${error.message}`));
  return () => {
    cancelled = true;
    unmount();
  };
}
