// Version 1 share links, made by lesson 5's cluster before the common envelope:
//   #/<lesson>?cluster=<id>&v=1&run=<base64url of the run spec's JSON>&hash=<16 hex>
// Read as the payload {cluster, run, hash} that version 2 links carry
// (run-spec.js validates the run and the hash). Frozen: links made then must keep opening.
import { shareStrings as s } from './strings.js';
import { fromBase64url } from './base64url.js';

export function decodeLegacyClusterV1(params) {
  const fail = (error) => ({ version: null, payload: null, error });
  if (!params.has('run')) return fail(s.legacyNoRun);
  let run;
  try {
    run = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(params.get('run'))));
  } catch (error) {
    return fail(s.damaged(error.message));
  }
  return { version: '1', payload: { cluster: params.get('cluster'), run, hash: params.get('hash') }, error: null };
}
