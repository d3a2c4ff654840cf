// Stacked bar charts as inline SVG built node by node. Why no library: a chart here is a few rectangles
// and labels, and a charting library would be the page's only third-party code (and no CDN is allowed).
// Labels (namespace and analyzer names come from the cluster) go in with textContent like everything else.
const NS = 'http://www.w3.org/2000/svg';
const COLOURS = { critical: '#b91c1c', warning: '#d97706', info: '#2563eb' };
const LABEL_WIDTH = 190;
const BAR_WIDTH = 300;
const ROW = 22;

function svg(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * One horizontal bar per group, split by severity. `groups`: [[label, {critical, warning, info}]], largest
 * first. The accessible name carries the numbers, so a screen reader hears what the bars show.
 */
export function severityBars(title, groups) {
  const total = (c) => (c.critical || 0) + (c.warning || 0) + (c.info || 0);
  const max = Math.max(1, ...groups.map(([, c]) => total(c)));
  const height = ROW * groups.length + 28;
  const summary = groups.map(([label, c]) => label + ': ' + total(c)).join(', ');
  const chart = svg('svg', { width: LABEL_WIDTH + BAR_WIDTH + 40, height, viewBox: '0 0 ' + (LABEL_WIDTH + BAR_WIDTH + 40) + ' ' + height,
    role: 'img', 'aria-label': title + (summary ? ' — ' + summary : ' — none'), class: 'chart' });
  chart.append(svg('title', {}, title), svg('text', { x: 0, y: 14, class: 'chart-title' }, title));
  groups.forEach(([label, counts], i) => {
    const y = 24 + i * ROW;
    chart.append(svg('text', { x: LABEL_WIDTH - 6, y: y + 14, 'text-anchor': 'end' },
      label.length > 28 ? label.slice(0, 27) + '…' : label));
    let x = LABEL_WIDTH;
    for (const severity of ['critical', 'warning', 'info']) {
      const n = counts[severity] || 0;
      if (n === 0) continue;
      const w = (n / max) * BAR_WIDTH;
      const bar = svg('rect', { x, y: y + 2, width: w, height: ROW - 6, fill: COLOURS[severity], 'data-severity': severity });
      bar.append(svg('title', {}, label + ': ' + n + ' ' + severity));
      chart.append(bar);
      x += w;
    }
    chart.append(svg('text', { x: x + 4, y: y + 14, class: 'chart-count' }, String(total(counts))));
  });
  return chart;
}

/** Counts per severity of `rows` grouped by `key` (a finding's field), largest group first. */
export function groupBySeverity(rows, key) {
  const groups = new Map();
  for (const f of rows) {
    const label = f[key] || '(cluster-scoped)';
    const counts = groups.get(label) || { critical: 0, warning: 0, info: 0 };
    counts[f.severity] = (counts[f.severity] || 0) + 1;
    groups.set(label, counts);
  }
  const size = (c) => c.critical + c.warning + c.info;
  return [...groups.entries()].sort((a, b) => size(b[1]) - size(a[1]) || a[0].localeCompare(b[0]));
}
