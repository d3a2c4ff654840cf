// A finding's details row: its evidence, owner and related symptoms, and on demand the model's
// explanation (POST /api/v1/explain: the server analyzes again and explains its own text of the finding).
import { call } from './api.js';
import { el, $ } from './dom.js';
import { renderMarkdown } from './markdown.js';

/** "Kind namespace/name: reason", how the page names a finding to people and screen readers. */
export const findingLabel = (f) => f.kind + ' ' + (f.namespace ? f.namespace + '/' : '') + f.name + ': ' + f.reason;

export function detailRow(f, columns) {
  const box = el('div', { class: 'finding-detail' },
    el('h3', { text: findingLabel(f) }),
    el('p', { text: f.message }));
  if (f.parent) box.append(el('p', {}, el('strong', { text: 'Owner: ' }), f.parent));
  box.append(el('h4', { text: 'Evidence' }));
  box.append(f.evidence && f.evidence.length
    ? el('ul', { class: 'evidence' }, ...f.evidence.map((e) => el('li', {}, el('code', { text: e }))))
    : el('p', { class: 'meta', text: 'no evidence recorded' }));
  if (f.related && f.related.length) {
    box.append(el('h4', { text: 'Related' }),
      el('ul', {}, ...f.related.map((r) => el('li', { text: r.reason + ': ' + r.message }))));
  }
  const explanation = el('div', { class: 'explanation', 'aria-live': 'polite' });
  if (f.explanation) explanation.append(renderMarkdown(f.explanation));
  const explain = el('button', { type: 'button', class: 'explain', 'aria-label': 'Explain ' + findingLabel(f), text: 'Explain' });
  explain.addEventListener('click', async () => {
    explain.disabled = true;
    explanation.replaceChildren(el('p', { class: 'meta', text: 'asking the model…' }));
    try {
      const key = { analyzer: f.analyzer, kind: f.kind, namespace: f.namespace, name: f.name, reason: f.reason };
      const res = await call('POST', '/api/v1/explain', {
        ...(f.namespace ? { namespace: f.namespace } : { allNamespaces: true }),
        findings: [key], profile: $('profile').value || null, model: $('model').value || null,
      });
      const explained = res.findings.find((x) => x.name === f.name && x.reason === f.reason);
      f.explanation = explained && explained.explanation;
      explanation.replaceChildren(f.explanation ? renderMarkdown(f.explanation)
        : el('p', { class: 'meta', text: 'the model gave no explanation' }));
    } catch (e) {
      explanation.replaceChildren(el('p', { class: 'error', role: 'alert', text: 'no explanation: ' + e.message }));
    } finally {
      explain.disabled = false;
    }
  });
  box.append(explain, explanation);
  return el('tr', { class: 'detail' }, el('td', { colspan: columns }, box));
}
