// The findings view: analyze results as a sortable, filterable table with counts per severity, charts
// per namespace and per analyzer, and each finding's evidence and explanation on demand.
import { call } from './api.js';
import { el, $ } from './dom.js';
import { severityBars, groupBySeverity } from './chart.js';
import { detailRow, findingLabel } from './finding-detail.js';

const COLUMNS = [
  ['severity', 'Severity'], ['kind', 'Kind'], ['namespace', 'Namespace'], ['name', 'Name'],
  ['reason', 'Reason'], ['analyzer', 'Analyzer'], ['message', 'Message'],
];
export const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 };

let findings = [];
let sort = { key: 'severity', ascending: true };
const open = new Set();   // findings whose details are shown, by label (kept across sorting and filtering)

export function initFindings() {
  const head = $('findings-table').tHead.rows[0];
  head.replaceChildren(...COLUMNS.map(([key, title]) => {
    const button = el('button', { type: 'button', text: title, 'data-key': key });
    button.addEventListener('click', () => {
      sort = { key, ascending: sort.key === key ? !sort.ascending : true };
      render();
    });
    return el('th', { scope: 'col', 'data-key': key }, button);
  }), el('th', { scope: 'col', text: 'Details' }));
  $('analyze-form').addEventListener('submit', (e) => { e.preventDefault(); analyze(); });
  for (const id of ['filter-namespace', 'filter-severity', 'filter-text']) {
    $(id).addEventListener('input', render);
    $(id).addEventListener('change', render);
  }
}

async function analyze() {
  const namespace = $('analyze-namespace').value.trim();
  $('findings-status').textContent = 'analyzing…';
  try {
    const report = await call('POST', '/api/v1/analyze', namespace ? { namespace } : { allNamespaces: true });
    findings = report.findings || [];
    open.clear();
    const namespaces = [...new Set(findings.map((f) => f.namespace).filter((n) => n))].sort();
    $('filter-namespace').replaceChildren(el('option', { value: '', text: 'all' }),
      ...namespaces.map((n) => el('option', { value: n, text: n })));
    render();
  } catch (e) {
    $('findings-status').textContent = 'analyze failed: ' + e.message;
  }
}

function compare(a, b) {
  if (sort.key === 'severity') return (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9);
  return String(a[sort.key] ?? '').localeCompare(String(b[sort.key] ?? ''));
}

function render() {
  const ns = $('filter-namespace').value;
  const severity = $('filter-severity').value;
  const text = $('filter-text').value.trim().toLowerCase();
  const shown = findings
    .filter((f) => !ns || f.namespace === ns)
    .filter((f) => !severity || f.severity === severity)
    .filter((f) => !text || COLUMNS.some(([k]) => String(f[k] ?? '').toLowerCase().includes(text)))
    .sort((a, b) => (sort.ascending ? 1 : -1) * compare(a, b));
  $('findings-table').tBodies[0].replaceChildren(...shown.flatMap((f) => {
    const label = findingLabel(f);
    const toggle = el('button', { type: 'button', class: 'details', 'aria-expanded': String(open.has(label)),
      'aria-label': 'Evidence of ' + label, text: open.has(label) ? 'Hide' : 'Evidence' });
    toggle.addEventListener('click', () => {
      if (open.has(label)) open.delete(label); else open.add(label);
      render();
      // keep the keyboard where it was: the rebuilt row's button
      [...document.querySelectorAll('#findings-table button.details')]
        .find((b) => b.getAttribute('aria-label') === 'Evidence of ' + label)?.focus();
    });
    const row = el('tr', { class: 'finding sev-' + f.severity },
      ...COLUMNS.map(([k]) => el('td', { text: f[k] ?? '' })), el('td', {}, toggle));
    return open.has(label) ? [row, detailRow(f, COLUMNS.length + 1)] : [row];
  }));
  for (const th of $('findings-table').tHead.rows[0].cells) {
    if (!th.dataset.key) continue;
    th.setAttribute('aria-sort', th.dataset.key === sort.key ? (sort.ascending ? 'ascending' : 'descending') : 'none');
  }
  const counts = { critical: 0, warning: 0, info: 0 };
  shown.forEach((f) => { counts[f.severity] = (counts[f.severity] || 0) + 1; });
  $('severity-counts').textContent = Object.entries(counts).map(([k, v]) => k + ': ' + v).join(' · ');
  $('findings-status').textContent = shown.length + ' of ' + findings.length + ' findings shown';
  $('findings-charts').replaceChildren(
    severityBars('Findings per namespace', groupBySeverity(shown, 'namespace')),
    severityBars('Findings per analyzer', groupBySeverity(shown, 'analyzer')));
}
