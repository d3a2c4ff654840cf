// The generate view: a prompt becomes manifests with their validation notes, the review's warnings and a
// diff against the live objects; an operator's plan that changes something waits as an approval, applied
// only when approved here (POST /api/v1/approvals/{id}) and then followed until it settles.
import { call } from './api.js';
import { el, $ } from './dom.js';

const SETTLED = new Set(['plan-only', 'invalid', 'no-cluster', 'unchanged', 'refused', 'applied', 'failed', 'denied', 'expired']);
let user = null;

export function initGenerate(me) {
  user = me;
  $('generate-form').addEventListener('submit', (e) => { e.preventDefault(); generate(); });
}

async function generate() {
  const prompt = $('generate-prompt').value.trim();
  if (!prompt) return;
  const out = $('plan');
  out.replaceChildren(el('p', { role: 'status', text: 'the model is writing the manifests…' }));
  $('generate-button').disabled = true;
  try {
    const plan = await call('POST', '/api/v1/generate', {
      prompt, namespace: $('generate-namespace').value.trim() || null,
      profile: $('profile').value || null, model: $('model').value || null,
    });
    showPlan(plan);
  } catch (e) {
    out.replaceChildren(el('p', { class: 'error', role: 'alert', text: 'generate failed: ' + e.message }));
  } finally {
    $('generate-button').disabled = false;
  }
}

function showPlan(plan) {
  const v = plan.validation || {};
  const problems = v.problems || [];
  const notes = [...(v.notes || []), ...(v.note ? [v.note] : []), ...(plan.cluster && plan.cluster.note ? [plan.cluster.note] : [])];
  $('plan').replaceChildren(
    el('p', { class: 'meta', text: 'by ' + plan.model + ' · ' + plan.rounds + ' round(s) · tokens: ' + plan.usage.input
      + ' in, ' + plan.usage.output + ' out' }),
    el('h3', { text: 'Manifests' }),
    el('pre', { class: 'manifests' }, el('code', { text: plan.manifests || '' })),
    el('h3', { text: 'Validation' }),
    el('p', { class: 'validity ' + (plan.valid ? 'valid' : 'error'), text: (plan.valid ? 'valid' : 'not valid')
      + (plan.dryRun && plan.dryRun.serverChecked ? ' · checked by the API server (dry run)' : ' · checked offline only') }),
    list('validation-problems', problems.map((p) => p.layer + ': ' + p.object + (p.path ? ' ' + p.path : '') + ': ' + p.message)),
    list('validation-notes', notes),
    el('h3', { text: 'Review' }),
    list('review', (plan.review || []).map((r) => r.severity + ' · ' + r.object + ' · ' + r.reason + ': ' + r.message),
      'no warnings'),
    el('h3', { text: 'Diff against the live objects' }),
    ...(plan.diff || []).map((d) => el('details', { class: 'diff', open: d.change !== 'unchanged' },
      el('summary', { text: d.object + ' (' + d.change + ')' }), diffBlock(d.diff))),
    applySection(plan));
}

function list(cls, items, empty) {
  if (items.length === 0) return empty ? el('p', { class: 'meta ' + cls, text: empty }) : el('span');
  return el('ul', { class: cls }, ...items.map((t) => el('li', { text: t })));
}

/** A unified diff with added and removed lines marked (the text itself stays text). */
function diffBlock(text) {
  return el('pre', {}, ...String(text || '').split('\n').map((line) =>
    el('span', { class: /^(\+\+\+|---|@@)/.test(line) ? 'head' : line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : null,
      text: line + '\n' })));
}

const mayApprove = () => user.role === 'operator' || user.role === 'admin';

function applySection(plan) {
  const a = plan.apply || {};
  const state = el('p', { class: 'apply-state', role: 'status', text: describe(a) });
  const box = el('section', { class: 'approval', 'aria-label': 'Apply' }, el('h3', { text: 'Apply' }), state);
  if (a.state === 'pending' && mayApprove()) {
    const approve = el('button', { type: 'button', text: 'Approve and apply' });
    const deny = el('button', { type: 'button', text: 'Do not apply' });
    const decide = async (decision) => {
      approve.disabled = true;
      deny.disabled = true;
      try {
        await call('POST', '/api/v1/approvals/' + encodeURIComponent(a.approval), { decision });
        await follow(plan.id, state, box);
      } catch (e) {
        state.textContent = 'not decided: ' + e.message;
      }
    };
    approve.addEventListener('click', () => decide('approve'));
    deny.addEventListener('click', () => decide('deny'));
    box.append(approve, deny);
  } else if (a.state === 'pending') {
    box.append(el('p', { class: 'meta', text: 'Only an operator can approve applying this plan.' }));
  }
  return box;
}

/** Polls the plan until its apply settles (the apply runs on the server after the decision). */
async function follow(id, state, box) {
  for (let i = 0; i < 120; i++) {
    const plan = await call('GET', '/api/v1/generate/' + encodeURIComponent(id));
    state.textContent = describe(plan.apply);
    if (SETTLED.has(plan.apply.state)) {
      const results = plan.apply.results || [];
      if (results.length) {
        box.append(list('apply-results', results.map((r) => r.object + ': ' + (r.error ? 'failed: ' + r.error
          : r.created ? 'created' : 'updated'))));
      }
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function describe(a) {
  const by = a.decidedBy ? ' by ' + a.decidedBy : '';
  switch (a.state) {
    case 'pending': return 'waiting for approval until ' + a.expiresAt;
    case 'plan-only': return 'plan only: never applied';
    case 'unchanged': return 'the cluster already matches: nothing to apply';
    default: return a.state + by + (a.reason ? ': ' + a.reason : '');
  }
}
