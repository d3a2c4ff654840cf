// The server's public API. Only the session token is kept (sessionStorage: gone with the tab).
const KEY = 'k8sai.token';

export const session = {
  token: () => sessionStorage.getItem(KEY),
  set: (token) => sessionStorage.setItem(KEY, token),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function headers(json) {
  const h = {};
  const token = session.token();
  if (token) h.Authorization = 'Bearer ' + token;
  if (json) h['Content-Type'] = 'application/json';
  return h;
}

export async function call(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: headers(body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) {
    throw new ApiError(res.status, (data && data.error && data.error.message) || ('HTTP ' + res.status));
  }
  return data;
}

export async function login(username, password) {
  const res = await call('POST', '/api/v1/login', { username, password });
  session.set(res.token);
}

/**
 * Follows a run's server-sent events until `done`. EventSource cannot send an Authorization header,
 * so the stream is read with fetch and parsed here (the SSE format: blank-line separated blocks of
 * `event:`, `id:` and `data:` lines).
 */
export async function followEvents(path, onEvent) {
  const res = await fetch(path, { headers: { ...headers(false), Accept: 'text/event-stream' } });
  if (!res.ok) throw new ApiError(res.status, 'cannot follow the run (HTTP ' + res.status + ')');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length === 0) continue;   // a keep-alive comment
      onEvent(name, JSON.parse(data.join('\n')));
      if (name === 'done') { reader.cancel(); return; }
    }
  }
}
