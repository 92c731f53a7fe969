// The compiler's assets are checked against the sha256 in their manifest
// before they are used or kept in Cache Storage (web/src/compiler/assets.js).
// Needs the assets: node tools/compiler/build-assets.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ASSET_BASE, ASSET_PATH, fetchFile } from '../../tools/compiler/node-host.mjs';
import { loadAssets } from '../../web/src/compiler/assets.js';
import { messages } from '../../web/src/compiler/messages.js';
import { fakeCaches } from './fake-caches.mjs';

const NAME = 'project-include'; // a small asset, one file
const manifest = JSON.parse(readFileSync(join(ASSET_PATH, 'manifest.json'), 'utf8'));
const fileUrl = new URL(manifest.assets[NAME].files[0], ASSET_BASE).href;


// The asset's file with its gzip header's modification time changed: still a
// valid gzip of the same length that decompresses to the same bytes, so only
// the checksum can tell it from the real file.
function alteredFile() {
  const bytes = new Uint8Array(readFileSync(join(ASSET_PATH, manifest.assets[NAME].files[0])));
  bytes[4] ^= 0xff; // MTIME, bytes 4-7 of the gzip header
  return bytes;
}

const serving = (url, body) => (requested, init) =>
  (requested === url ? Promise.resolve(new Response(body)) : fetchFile(requested, init));

test('the altered file is one only a checksum can catch', () => {
  const original = readFileSync(join(ASSET_PATH, manifest.assets[NAME].files[0]));
  const altered = alteredFile();
  assert.equal(altered.length, original.length);
  assert.notDeepEqual(altered, new Uint8Array(original));
  assert.deepEqual(gunzipSync(altered), gunzipSync(original));
  assert.equal(gunzipSync(altered).length, manifest.assets[NAME].bytes);
});

test('a file that does not match its sha256 is refused with a clear message, and nothing is cached', async (t) => {
  const stored = fakeCaches(t);
  await assert.rejects(
    loadAssets(ASSET_BASE, { fetchFile: serving(fileUrl, alteredFile()), names: [NAME] }),
    { message: messages.checksumMismatch(NAME) },
  );
  assert.equal(stored.has(fileUrl), false, 'the refused file is not in Cache Storage');

  // The real file passes the same check and is cached.
  const { assets } = await loadAssets(ASSET_BASE, { fetchFile, names: [NAME] });
  assert.equal(assets[NAME].bytes.length, manifest.assets[NAME].bytes);
  assert.equal(stored.has(fileUrl), true);
});

test('a cached file that fails the check is dropped and fetched again', async (t) => {
  const stored = fakeCaches(t);
  stored.set(fileUrl, alteredFile()); // right size, so only the checksum rejects it
  const fetched = [];
  const counting = (url, init) => {
    if (!url.endsWith('manifest.json')) fetched.push(url);
    return fetchFile(url, init);
  };
  const { assets } = await loadAssets(ASSET_BASE, { fetchFile: counting, names: [NAME] });
  assert.deepEqual(fetched, [fileUrl]);
  assert.equal(assets[NAME].bytes.length, manifest.assets[NAME].bytes);
  assert.deepEqual(stored.get(fileUrl), new Uint8Array(readFileSync(join(ASSET_PATH, manifest.assets[NAME].files[0]))));
});

test('a manifest without a checksum for an asset is refused', async (t) => {
  fakeCaches(t);
  const { sha256, ...unchecked } = manifest.assets[NAME];
  assert.ok(sha256);
  const withoutChecksum = JSON.stringify({ ...manifest, assets: { ...manifest.assets, [NAME]: unchecked } });
  const manifestUrl = new URL('manifest.json', ASSET_BASE).href;
  await assert.rejects(
    loadAssets(ASSET_BASE, { fetchFile: serving(manifestUrl, withoutChecksum), names: [NAME] }),
    { message: messages.missingChecksum(NAME) },
  );
});
