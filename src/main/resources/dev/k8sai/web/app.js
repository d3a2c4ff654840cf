// Entry point: login (local users or a pasted token), who am I, logout, the cluster context and the views.
import { call, login, session } from './api.js';
import { el, $ } from './dom.js';
import { initChat } from './chat.js';
import { initFindings } from './findings.js';
import { initAudit } from './audit.js';
import { initGenerate } from './generate.js';

async function start() {
  let me;
  try {
    me = await call('GET', '/api/v1/whoami');
  } catch (e) {
    session.clear();
    $('login-error').textContent = e.status === 401 ? 'sign-in failed or expired' : e.message;
    return;
  }
  $('who').textContent = 'Signed in as ' + me.name + ' (role: ' + me.role + ')';
  $('login').hidden = true;
  $('app').hidden = false;
  $('logout').hidden = false;
  initFindings();
  initAudit();
  initGenerate(me);
  loadNamespaces();
  await initChat(me);
}

/** The server's context and the namespaces this user may list, offered by every namespace field. */
async function loadNamespaces() {
  try {
    const res = await call('GET', '/api/v1/namespaces');
    $('cluster-context').textContent = 'Cluster context: ' + res.context + ' (the server\'s; every request uses it)'
      + (res.note ? ' · namespaces not listed: ' + res.note : '');
    $('namespace-list').replaceChildren(...res.namespaces.map((n) => el('option', { value: n })));
  } catch (e) {
    $('cluster-context').textContent = 'namespaces unavailable: ' + e.message;
  }
}

function showView(name) {
  for (const view of ['chat', 'findings', 'audit', 'generate']) {
    $(view).hidden = view !== name;
    $('tab-' + view).setAttribute('aria-pressed', String(view === name));
  }
}

$('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('login-error').textContent = '';
  try {
    await login($('username').value, $('password').value);
    $('password').value = '';
    await start();
  } catch (err) {
    $('login-error').textContent = err.message;
  }
});
$('token-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  session.set($('token').value.trim());
  $('token').value = '';
  await start();
});
$('logout').addEventListener('click', () => {
  session.clear();
  location.reload();
});
$('tab-chat').addEventListener('click', () => showView('chat'));
$('tab-findings').addEventListener('click', () => showView('findings'));
$('tab-audit').addEventListener('click', () => showView('audit'));
$('tab-generate').addEventListener('click', () => showView('generate'));

if (session.token()) start();
