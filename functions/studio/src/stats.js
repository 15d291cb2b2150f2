// The mesh's numbers from its quality report: faces, closed, how the object was found, where the time went.

const $ = (id) => document.getElementById(id);

export function showStats(view) {
  const report = view.report ?? {};
  $('stat-faces').textContent = report.faces?.toLocaleString('en') ?? '–';
  $('stat-closed').textContent = report.closed === undefined ? '–' : report.closed ? 'yes (watertight)' : 'no';
  const foreground = report.foreground ?? {};
  $('stat-foreground').textContent = foreground.source
    ? foreground.source + (foreground.model ? ` (${foreground.model})` : '')
    : '–';
  $('stat-mode').textContent = report.mode ?? '–';
  $('stat-timings').textContent = timings(report) || '–';
}

/** "decode 12 ms · foreground 80 ms · …" from the report's per-stage timings, in the order given. */
function timings(report) {
  const stages = report.timingsMs ?? {};
  const parts = Object.entries(stages)
    .filter(([, ms]) => typeof ms === 'number')
    .map(([stage, ms]) => `${stage} ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`);
  return parts.join(' · ');
}
