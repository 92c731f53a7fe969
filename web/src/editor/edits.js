// A learner's edits survive reloads. They are keyed by a hash of the original
// source, so when a lesson's program changes, old edits of the old program do
// not silently replace the new one (A Tour of Go does the same).
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const key = (lesson, fileName, original) => `cdd:edit:${lesson}/${fileName}:${fnv1a(original)}`;

export function loadEdit(lesson, fileName, original) {
  try {
    return localStorage.getItem(key(lesson, fileName, original));
  } catch {
    return null; // storage disabled: edits just do not persist
  }
}

export function saveEdit(lesson, fileName, original, text) {
  try {
    if (text === original) localStorage.removeItem(key(lesson, fileName, original));
    else localStorage.setItem(key(lesson, fileName, original), text);
  } catch {
    /* storage full or disabled */
  }
}
