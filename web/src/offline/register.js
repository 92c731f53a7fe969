// Loaded by index.html before the page's own code. Vite's dev server sends the
// isolation headers itself and has no built site to cache: no worker there.
import { startServiceWorker } from './page-worker.js';

if (import.meta.env.PROD) startServiceWorker();
