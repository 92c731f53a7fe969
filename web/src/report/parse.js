// The page's side of cpp/include/cdd/report.h: a stdout line that starts with
// "@cdd " carries one JSON object with a `kind`; every other line is text.
export const REPORT_PREFIX = '@cdd ';
export const REPORT_KINDS = ['chart', 'point', 'span', 'pixels', 'table'];

/** @returns {object|null} the report, or null when the line is plain text. */
export function parseReportLine(line) {
  if (!line.startsWith(REPORT_PREFIX)) return null;
  try {
    const report = JSON.parse(line.slice(REPORT_PREFIX.length));
    return report && REPORT_KINDS.includes(report.kind) ? report : null;
  } catch {
    return null;
  }
}
