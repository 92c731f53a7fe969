// Bytes <-> base64url (RFC 4648 §5, no padding): the alphabet a URL fragment
// carries unescaped. Both directions are pure; a character outside the
// alphabet is an error, not silently dropped.
import { shareStrings as s } from './strings.js';

export function toBase64url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error(s.notBase64);
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
