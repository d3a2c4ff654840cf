// Entry point: login (local users or a pasted token), who am I, logout, and the two views.
import { call, login, session } from './api.js';
import { $ } from './dom.js';
import { initChat } from './chat.js';
import { initFindings } from './findings.js';

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
  await initChat(me);
}

function showView(name) {
  for (const view of ['chat', 'findings']) {
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

if (session.token()) start();
