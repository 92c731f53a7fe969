// Share links: one envelope for every kind of share (a cell's code and
// parameters, a cluster's run). A payload is a plain JSON object; the link's
// fragment carries it as "v=<version>&s=<data>", after the lesson's route:
//   #/<lesson>?v=2&s=<base64url of raw DEFLATE of the payload's UTF-8 JSON>
// The version is outside the compressed data, so a later page can tell what
// it reads before unpacking anything. Each version has its own decoder, a pure
// function of the text, and decoders are never changed once links exist:
//   v=1  lesson 5's first cluster links (?cluster=<id>&v=1&run=<base64url JSON>&hash=...),
//        read by legacy-cluster-v1.js as the payload {cluster, run, hash};
//   v=2  this envelope.
// Pure functions (no DOM): node tests them directly.
import { deflateSync, Inflate } from 'fflate';
import { shareStrings as s } from './strings.js';
import { decodeLegacyClusterV1 } from './legacy-cluster-v1.js';
import { fromBase64url, toBase64url } from './base64url.js';
import { shareQuery, isShareLink } from './fragment.js';

export { shareQuery, isShareLink };

export const SHARE_VERSION = '2';
export const READABLE_VERSIONS = ['1', '2'];
// The payload's JSON is at most 64 KiB (UTF-8), before compression. Lesson
// programs are at most 10 KB, so this leaves room for much larger edits; the
// receiver refuses to unpack more than this too (a small link cannot make the
// page inflate megabytes), so a sender must not make what it would refuse.
export const MAX_PAYLOAD_BYTES = 64 * 1024;
// The fragment ("v=2&s=...") is at most 32,000 characters. Browsers open far
// longer addresses (Chromium takes 2 MB), but an address is also copied into
// mail, chat and issue trackers, several of which cut or refuse long ones;
// 32,000 is half of 64 K, beyond which some tools stop showing the address in
// full. A 10 KB lesson program takes about 4,000 characters.
export const MAX_FRAGMENT_CHARS = 32000;

const CHUNK = 1024; // input bytes inflated at a time, so an oversized payload is caught early

function inflateBounded(bytes, limit) {
  const parts = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) throw new RangeError(s.tooBig(limit));
    parts.push(chunk);
  });
  for (let at = 0; at < bytes.length; at += CHUNK) inflater.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length);
  if (bytes.length === 0) inflater.push(bytes, true);
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** {text: "v=2&s=..."} for a payload object, or {error} (a sentence for the learner) when the link would be too big. */
export function encodeShare(payload) {
  const json = new TextEncoder().encode(JSON.stringify(payload));
  if (json.length > MAX_PAYLOAD_BYTES) return { text: null, error: s.tooMuchSource(json.length, MAX_PAYLOAD_BYTES) };
  const text = `v=${SHARE_VERSION}&s=${toBase64url(deflateSync(json, { level: 9 }))}`;
  if (text.length > MAX_FRAGMENT_CHARS) return { text: null, error: s.tooLongLink(text.length, MAX_FRAGMENT_CHARS) };
  return { text, error: null };
}

// v=2: the envelope itself.
function decodeV2(params) {
  const data = params.get('s');
  if (data === null) return fail(s.damaged('no s='));
  let payload;
  try {
    const bytes = inflateBounded(fromBase64url(data), MAX_PAYLOAD_BYTES);
    payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    return fail(error instanceof RangeError ? error.message : s.damaged(error.message || String(error)));
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return fail(s.notObject);
  return { version: '2', payload, error: null };
}

const DECODERS = { 1: decodeLegacyClusterV1, 2: decodeV2 };
const fail = (error) => ({ version: null, payload: null, error });

/**
 * Reads any share link: a whole URL, a fragment or its query. Never throws:
 * {version, payload, error: null} or {version: null, payload: null, error: <why, for the learner>}.
 */
export function decodeShare(text) {
  if (typeof text !== 'string') return fail(s.notText);
  const params = new URLSearchParams(shareQuery(text));
  const version = params.get('v');
  if (version === null) return fail(s.noVersion);
  if (!Object.hasOwn(DECODERS, version)) {
    const newer = /^\d+$/.test(version) && Number(version) > Number(SHARE_VERSION);
    return fail(newer ? s.newerVersion(version, READABLE_VERSIONS) : s.damaged(s.unknownVersion(version)));
  }
  return DECODERS[version](params);
}

/** The address of a share: `href`'s page at lesson `slug`, with the encoded share in the fragment. */
export function shareAddress(href, slug, encoded) {
  const url = new URL(href);
  url.hash = `/${encodeURIComponent(slug)}?${encoded}`;
  return url.href;
}
