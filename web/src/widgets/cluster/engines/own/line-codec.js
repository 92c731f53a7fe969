// A node program's stdout, line by line, into Maelstrom messages: each line
// must be one JSON object {src, dest, body: {type, ...}} (src: the node
// itself once it knows its id). A line that is not is rejected with the
// reason, which the node's panel shows next to it.

export const MAX_LINE_BYTES = 1 << 20;

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const short = (text, n = 40) => (text.length > n ? `${text.slice(0, n)}...` : text);

/**
 * @param {string} text one stdout line (without its newline)
 * @param {string|null} nodeId the node's id once init named it, else null (src is not checked)
 * @returns {{message: object} | {rejected: string}}
 */
export function decodeLine(text, nodeId = null) {
  if (text.length > MAX_LINE_BYTES) return { rejected: `the line is ${text.length} characters long (at most ${MAX_LINE_BYTES})` };
  if (text.trim() === '') return { rejected: 'an empty line is not a message' };
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { rejected: `not JSON: ${error.message}` };
  }
  if (!isObject(value)) return { rejected: `a message is a JSON object, this is ${Array.isArray(value) ? 'an array' : typeof value}` };
  for (const field of ['src', 'dest']) {
    if (typeof value[field] !== 'string' || value[field] === '') return { rejected: `"${field}" must be a node or client id (a string)` };
  }
  if (!isObject(value.body)) return { rejected: '"body" must be an object' };
  if (typeof value.body.type !== 'string') return { rejected: '"body" has no "type" (a string)' };
  if (nodeId !== null && value.src !== nodeId) return { rejected: `"src" is "${short(value.src)}", but this node is ${nodeId}` };
  return { message: { src: value.src, dest: value.dest, body: value.body } };
}

/** A message as the line a node program reads from stdin. */
export const encodeMessage = (message) => `${JSON.stringify(message)}\n`;
