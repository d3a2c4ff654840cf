// The chat view: model picker, runs streamed over SSE, each tool step's exact command, approval cards.
import { call, followEvents } from './api.js';
import { el, $ } from './dom.js';
import { renderMarkdown } from './markdown.js';

let user = null;
let run = null;   // {id, kind, profile, model}: a chat's later turns continue it while the model stays

export async function initChat(me) {
  user = me;
  $('chat-form').addEventListener('submit', (e) => { e.preventDefault(); send(); });
  $('new-chat').addEventListener('click', () => { run = null; $('transcript').replaceChildren(); });
  $('profile').addEventListener('change', () => loadModels());
  const profiles = await call('GET', '/api/v1/profiles');
  $('profile').replaceChildren(...profiles.profiles.map((p) =>
    el('option', { value: p.name, selected: p.name === profiles.defaultProfile, text: p.name + ' (' + p.type + ')' })));
  await loadModels();
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
  const turn = el('li', { class: 'turn' });
  const label = choice.model || 'default model';
  turn.append(el('p', { class: 'question' }, el('strong', { text: 'You: ' }), message),
    el('p', { class: 'meta', text: choice.kind + ' · ' + (choice.profile || 'default profile') + ' · ' + label }));
  $('transcript').append(turn);
  $('question').value = '';
  $('send').disabled = true;
  try {
    let started;
    const same = run && run.kind === 'chat' && choice.kind === 'chat'
      && run.profile === choice.profile && run.model === choice.model;
    if (same) {
      started = await call('POST', '/api/v1/runs/' + encodeURIComponent(run.id) + '/messages', { message });
    } else {
      started = await call('POST', '/api/v1/runs', { ...choice, message, namespace });
      run = { id: started.id, ...choice };
    }
    await followEvents(started.events, (name, data) => show(turn, name, data));
  } catch (e) {
    turn.append(el('p', { class: 'error', role: 'alert', text: e.message }));
  } finally {
    $('send').disabled = false;
  }
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
      turn.append(el('p', { class: 'meta usage', text: 'tokens: ' + data.input + ' in, ' + data.output + ' out' }));
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
