// Loaded by index.html before the page's own code. The worker is registered
// once the page has loaded, so its downloads (the whole site, for offline use)
// do not compete with the first lesson's. Vite's dev server sends the
// isolation headers itself and has no built site to cache: no worker there.
import { noteIsolation, startServiceWorker } from './page-worker.js';

if (import.meta.env.PROD) {
  noteIsolation();
  if (document.readyState === 'complete') startServiceWorker();
  else addEventListener('load', () => startServiceWorker(), { once: true });
}
