// The chat view: model picker (switchable mid-chat), dry runs, runs streamed over SSE, each tool step's
// exact command, approval cards.
import { call, followEvents } from './api.js';
import { el, $ } from './dom.js';
import { renderMarkdown } from './markdown.js';

let user = null;
let run = null;   // {id, kind, namespace, profile, model}: a chat's later turns continue it

export async function initChat(me) {
  user = me;
  $('chat-form').addEventListener('submit', (e) => { e.preventDefault(); send(); });
  $('new-chat').addEventListener('click', () => { run = null; $('transcript').replaceChildren(); });
  $('profile').addEventListener('change', () => loadModels());
  const profiles = await call('GET', '/api/v1/profiles');
  $('profile').replaceChildren(...profiles.profiles.map((p) =>
    el('option', { value: p.name, selected: p.name === profiles.defaultProfile, text: profileLabel(p) })));
  await loadModels();
}

function profileLabel(p) {
  const price = p.inputPricePerMillion != null || p.outputPricePerMillion != null
    ? ', ' + (p.inputPricePerMillion ?? 0) + ' in / ' + (p.outputPricePerMillion ?? 0) + ' out per 1M tokens' : '';
  return p.name + ' (' + p.type + price + ')';
}

async function loadModels() {
  const profile = $('profile').value;
  const select = $('model');
  select.replaceChildren(el('option', { value: '', text: 'loading…' }));
  try {
    const res = await call('GET', '/api/v1/models' + (profile ? '?profile=' + encodeURIComponent(profile) : ''));
    select.replaceChildren(el('option', { value: '', text: 'profile default' }),
      ...res.models.map((m) => el('option', { value: m, text: m })));
  } catch (e) {
    select.replaceChildren(el('option', { value: '', text: 'profile default (models unavailable: ' + e.message + ')' }));
  }
}

async function send() {
  const message = $('question').value.trim();
  if (!message) return;
  const choice = { kind: $('kind').value, profile: $('profile').value || null, model: $('model').value || null };
  const namespace = $('chat-namespace').value.trim() || null;
  const dryRun = $('dry-run').checked;
  const turn = el('li', { class: 'turn' + (dryRun ? ' dry-run' : '') });
  const label = choice.model || 'default model';
  turn.append(el('p', { class: 'question' }, el('strong', { text: 'You: ' }), message),
    el('p', { class: 'meta', text: (dryRun ? 'dry run · ' : '') + choice.kind + ' · '
      + (choice.profile || 'default profile') + ' · ' + label }));
  $('transcript').append(turn);
  $('question').value = '';
  $('send').disabled = true;
  try {
    if (dryRun) {
      showDryRun(turn, await call('POST', '/api/v1/runs', { ...choice, message, namespace, dryRun: true }));
      return;
    }
    let started;
    // a chat continues while its kind and namespace stay; another profile or model switches it from this turn on
    const same = run && run.kind === 'chat' && choice.kind === 'chat' && run.namespace === namespace;
    if (same) {
      const switched = run.profile !== choice.profile || run.model !== choice.model;
      const body = switched ? { message, profile: choice.profile, model: choice.model } : { message };
      started = await call('POST', '/api/v1/runs/' + encodeURIComponent(run.id) + '/messages', body);
      if (switched) turn.append(el('p', { class: 'meta switched', text: 'model switched for this conversation' }));
      run = { ...run, ...choice };
    } else {
      started = await call('POST', '/api/v1/runs', { ...choice, message, namespace });
      run = { id: started.id, namespace, ...choice };
    }
    await followEvents(started.events, (name, data) => show(turn, name, data));
  } catch (e) {
    turn.append(el('p', { class: 'error', role: 'alert', text: e.message }));
  } finally {
    $('send').disabled = false;
  }
}

/** A dry run: each request exactly as it would be sent, and the input token estimate; nothing was sent. */
function showDryRun(turn, preview) {
  turn.append(el('p', { class: 'dry-run-summary', text: 'Dry run: ' + preview.requests.length + ' request(s) to '
    + preview.profile + ' (model ' + preview.model + '), estimated input tokens: ' + preview.estimatedInputTokens
    + ' (' + preview.encoding + '); nothing was sent.' }));
  preview.requests.forEach((text, i) => turn.append(el('details', { class: 'prompt', open: i === 0 },
    el('summary', { text: 'Request ' + (i + 1) }), el('pre', { text }))));
}

function show(turn, name, data) {
  switch (name) {
    case 'tool': {
      const step = el('div', { class: 'step' + (data.refused ? ' refused' : '') },
        el('span', { text: 'Step ' + data.iteration + (data.refused ? ' (refused)' : '') + ': ' }),
        el('code', { class: 'command', text: commandOf(data.command) }));
      turn.append(step);
      break;
    }
    case 'observation':
      turn.append(el('details', { class: 'observation' }, el('summary', { text: 'Output (' + data.chars + ' chars)' }),
        el('pre', { text: data.summary })));
      break;
    case 'answer': {
      let answer = turn.querySelector('.answer');
      if (!answer) {
        answer = el('div', { class: 'answer', 'data-text': '' });
        turn.append(answer);
      }
      answer.dataset.text += data.text;
      answer.replaceChildren(renderMarkdown(answer.dataset.text));
      break;
    }
    case 'approval-requested':
      turn.append(approvalCard(data));
      break;
    case 'report':
      turn.append(el('pre', { class: 'report', text: JSON.stringify(data, null, 2) }));
      break;
    case 'usage':
      turn.append(el('p', { class: 'meta usage', text: usageText(data) }));
      break;
    case 'error':
      turn.append(el('p', { class: 'error', role: 'alert', text: data.category + ': ' + data.message }));
      break;
    case 'done':
      turn.append(el('p', { class: 'meta done', text: 'done (' + data.stopReason + ')' }));
      break;
    default:
      break;
  }
}

/** Which profile and model answered the turn, its tokens, and its cost when the profile has prices. */
function usageText(u) {
  const who = u.model ? 'answered by ' + u.profile + '/' + u.model + ' · ' : '';
  const cost = typeof u.cost === 'number' ? ' · cost ' + u.cost.toFixed(6) : '';
  return who + 'tokens: ' + u.input + ' in, ' + u.output + ' out' + cost;
}

/** The tool event carries the tool's arguments; for kubectl that is JSON holding the exact command line. */
function commandOf(args) {
  try {
    const parsed = JSON.parse(args);
    if (parsed && typeof parsed.command === 'string') return parsed.command;
  } catch {
    // not JSON: shown as it is
  }
  return args;
}

const mayApprove = () => user.role === 'operator' || user.role === 'admin';

function approvalCard(a) {
  const state = el('p', { class: 'state', role: 'status', text: 'waiting for approval until ' + a.expiresAt });
  const card = el('section', { class: 'approval', 'aria-label': 'Approval requested' },
    el('h3', { text: 'Approval requested' }),
    el('dl', {},
      el('dt', { text: 'Command' }), el('dd', {}, el('code', { class: 'command', text: a.command })),
      el('dt', { text: 'Namespace' }), el('dd', { text: a.namespace || '(none)' }),
      el('dt', { text: 'Why it is a change' }), el('dd', { text: a.why || '' }),
      el('dt', { text: 'Requested by' }), el('dd', { text: a.requestedBy })),
    state);
  if (mayApprove()) {
    const decide = async (decision, buttons) => {
      buttons.forEach((b) => { b.disabled = true; });
      try {
        const res = await call('POST', '/api/v1/approvals/' + encodeURIComponent(a.id), { decision });
        state.textContent = res.state + ' by ' + res.decidedBy;
      } catch (e) {
        state.textContent = 'not decided: ' + e.message;
      }
    };
    const approve = el('button', { type: 'button', class: 'approve', text: 'Approve' });
    const deny = el('button', { type: 'button', class: 'deny', text: 'Deny' });
    approve.addEventListener('click', () => decide('approve', [approve, deny]));
    deny.addEventListener('click', () => decide('deny', [approve, deny]));
    card.append(approve, deny);
  } else {
    card.append(el('p', { class: 'meta', text: 'Only an operator can approve or deny this change.' }));
  }
  return card;
}
