// Stop acts the moment the button is pressed, not when it is released: a
// click is a pointerdown, then a pointerup, each a separate trip from the
// browser to the page's main thread. While a program runs 16 threads on 2
// cores, that thread gets a small share of the CPU and each trip waits for it
// (tools/bench/stop-latency.mjs measures the wait); the run should end on the
// first. Enter and Space (and assistive technology) click the button without
// a pointerdown, so the click still stops too; after a pointerdown has
// stopped the run, the button is disabled and no click follows.
// Touch is left to the click: a finger that lands on Stop may be starting to
// scroll the page.

/**
 * @param {HTMLButtonElement} button
 * @param {() => void} stop ends the cell's run in progress, if there is one
 */
export function actOnPress(button, stop) {
  button.addEventListener('pointerdown', (event) => {
    if (event.button === 0 && event.isPrimary && event.pointerType !== 'touch') stop();
  });
  button.addEventListener('click', () => stop());
}
