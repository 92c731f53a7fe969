// A running program's output lines: report lines (`@cdd {json}` on stdout)
// become chart, table and timeline entries, everything else goes to the terminal.
import { parseReportLine } from '../report/parse.js';

/**
 * @param {'cpp'|'python'} source which program the views should credit
 * @param {object[]|null} points collects the run's point reports and chart declarations (for the exercise checks), when given
 * @returns {(stream: string, text: string) => void} an onLine handler for the runner
 */
export function outputRouter({ terminal, views }, source, points = null) {
  return (stream, text) => {
    const report = stream === 'out' && parseReportLine(text);
    if (!report) terminal.writeLine(text, stream);
    else {
      views.add({ ...report, source });
      if (points && (report.kind === 'point' || report.kind === 'chart')) points.push(report);
    }
  };
}
