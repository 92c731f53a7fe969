// How an image report's pixel is coloured: the value picks the hue (a
// thread), the shade how deep it is drawn (a Mandelbrot pixel's iterations).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PALETTE, MAX_SHADE, pixelColour } from '../../web/src/report/pixel-colour.js';

const key = (rgb) => rgb.join(',');

test('without a shade a value is its palette colour, as before shades existed', () => {
  assert.deepEqual(pixelColour(0), PALETTE[0]);
  assert.deepEqual(pixelColour(1), PALETTE[1]);
  assert.deepEqual(pixelColour(PALETTE.length + 2), PALETTE[2]);
});

test('every shade of one value is a different colour, from dark through the hue to pale', () => {
  const tones = [];
  for (let s = 0; s <= MAX_SHADE; s += 1) tones.push(pixelColour(0, s));
  assert.equal(new Set(tones.map(key)).size, MAX_SHADE + 1);
  const brightness = (rgb) => rgb[0] + rgb[1] + rgb[2];
  for (let s = 1; s <= MAX_SHADE; s += 1) assert.ok(brightness(tones[s]) > brightness(tones[s - 1]), `shade ${s}`);
  assert.deepEqual(tones[1], PALETTE[0]);
  assert.ok(brightness(tones[0]) < brightness(PALETTE[0]) / 3);
});

test('two threads stay apart at every shade', () => {
  for (let s = 0; s <= MAX_SHADE; s += 1) assert.notEqual(key(pixelColour(0, s)), key(pixelColour(1, s)), `shade ${s}`);
});
