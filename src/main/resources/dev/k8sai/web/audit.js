// The audit view: the Pod Security level of every workload, the audit's findings, and a SARIF download.
import { call, session } from './api.js';
import { el, $ } from './dom.js';
import { SEVERITY_ORDER } from './findings.js';

export function initAudit() {
  $('audit-form').addEventListener('submit', (e) => { e.preventDefault(); audit(); });
  $('sarif').addEventListener('click', downloadSarif);
}

function options(format) {
  const namespace = $('audit-namespace').value.trim();
  return { ...(namespace ? { namespace } : { allNamespaces: true }), level: $('audit-level').value, format };
}

async function audit() {
  $('audit-status').textContent = 'auditing…';
  try {
    const doc = await call('POST', '/api/v1/audit', options('json'));
    const workloads = doc.workloads || [];
    $('pss-table').tBodies[0].replaceChildren(...workloads.map((w) => el('tr', { class: 'level-' + String(w.level).toLowerCase() },
      el('td', { text: w.kind }), el('td', { text: w.namespace ?? '' }), el('td', { text: w.name }),
      el('td', { text: w.level }), el('td', {}, el('ul', {}, ...(w.violations || []).map((v) => el('li', { text: v })))))));
    const findings = [...(doc.findings || [])].sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9));
    $('audit-table').tBodies[0].replaceChildren(...findings.map((f) => el('tr', { class: 'sev-' + f.severity },
      ...['severity', 'kind', 'namespace', 'name', 'reason', 'message'].map((k) => el('td', { text: f[k] ?? '' })))));
    $('audit-status').textContent = workloads.length + ' workloads, ' + findings.length + ' findings';
  } catch (e) {
    $('audit-status').textContent = 'audit failed: ' + e.message;
  }
}

/**
 * SARIF for code-scanning tools, saved as a file. The request needs the Authorization header, so it is
 * fetched and handed to the browser as a blob URL rather than opened as a link.
 */
async function downloadSarif() {
  $('audit-status').textContent = 'preparing SARIF…';
  try {
    const res = await fetch('/api/v1/audit', {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + session.token(), 'Content-Type': 'application/json' },
      body: JSON.stringify(options('sarif')),
    });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    const url = URL.createObjectURL(await res.blob());
    const link = el('a', { href: url, download: 'k8s-ai-agent-audit.sarif', hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    $('audit-status').textContent = 'SARIF downloaded (k8s-ai-agent-audit.sarif)';
  } catch (e) {
    $('audit-status').textContent = 'SARIF failed: ' + e.message;
  }
}
