// The app's HTTP API as the page uses it: every call on the page's own origin, the API key (if any) as a header,
// never in a URL. Errors come back as problem+json; they are thrown as ApiProblem.

const KEY_STORAGE = 'orfeas.apiKey';

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

export function setApiKey(key) {
  if (key) {
    sessionStorage.setItem(KEY_STORAGE, key);
  } else {
    sessionStorage.removeItem(KEY_STORAGE);
  }
}

/** Whether requests can be made: the server runs open, or a key is set (the page's orfeas-auth meta tag). */
export function canCall() {
  const auth = document.querySelector('meta[name="orfeas-auth"]')?.content;
  return auth === 'open' || apiKey() !== '';
}

/** A problem+json answer (or a network failure, status 0), with the Retry-After seconds when there was one. */
export class ApiProblem extends Error {
  constructor(problem, retryAfter) {
    super(problem.detail || problem.title || 'request failed');
    this.problem = problem;
    this.status = problem.status ?? 0;
    this.slug = slugOf(problem.type);
    this.retryAfter = retryAfter;
  }
}

/** "urn:orfeas:problem:image-too-large" → "image-too-large" */
export function slugOf(type) {
  return typeof type === 'string' ? type.slice(type.lastIndexOf(':') + 1) : '';
}

function headers(extra = {}) {
  const key = apiKey();
  return key ? { ...extra, Authorization: 'Bearer ' + key } : extra;
}

async function call(path, init = {}) {
  let response;
  try {
    response = await fetch(path, { ...init, headers: headers(init.headers) });
  } catch (error) {
    if (error.name === 'AbortError') {
      throw error;
    }
    throw new ApiProblem({ type: 'network', title: 'The server cannot be reached', status: 0 });
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response;
}

async function problemOf(response) {
  const retryAfter = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  let problem = { title: response.statusText || 'HTTP ' + response.status, status: response.status };
  if ((response.headers.get('Content-Type') ?? '').includes('json')) {
    try {
      problem = { status: response.status, ...(await response.json()) };
    } catch {
      // an unreadable body: the status line alone
    }
  }
  return new ApiProblem(problem, Number.isFinite(retryAfter) ? retryAfter : undefined);
}

/** POST /jobs with the picture as the raw body; resolves to the job document (202). */
export async function submitJob(file, options) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined && value !== '') {
      query.set(name, value);
    }
  }
  const response = await call('/jobs?' + query, {
    method: 'POST',
    headers: { 'Content-Type': file.type || 'application/octet-stream', Accept: 'application/json' },
    body: file,
  });
  return response.json();
}

export async function getJob(id) {
  return (await call('/jobs/' + encodeURIComponent(id), { headers: { Accept: 'application/json' } })).json();
}

export async function cancelJob(id) {
  await call('/jobs/' + encodeURIComponent(id), { method: 'DELETE' });
}

/**
 * Follows a job's Server-Sent Events (fetch + stream rather than EventSource, which cannot send the key header):
 * calls onJob with each job document and resolves with the last one when the stream ends.
 */
export async function followJob(eventsPath, onJob, signal) {
  const response = await call(eventsPath, { headers: { Accept: 'text/event-stream' }, signal });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let last;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return last;
    }
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (message.event === 'job' && message.data) {
        last = JSON.parse(message.data);
        onJob(last);
      }
    }
  }
}

/** One SSE message block → {event, data} (data lines joined by newlines, as the SSE spec says). */
export function parseEvent(block) {
  const message = { event: 'message', data: '' };
  const data = [];
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    if (colon === 0) {
      continue; // a comment
    }
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') {
      message.event = value;
    } else if (field === 'data') {
      data.push(value);
    }
  }
  message.data = data.join('\n');
  return message;
}

export async function listMeshes(limit, page) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (page) {
    query.set('page', page);
  }
  return (await call('/meshes?' + query, { headers: { Accept: 'application/json' } })).json();
}

export async function getMesh(id) {
  return (await call('/meshes/' + encodeURIComponent(id), { headers: { Accept: 'application/json' } })).json();
}

/** The path of one stored file of a mesh on the app's own origin (the presigned URLs name the store). */
export function filePath(meshId, name) {
  return '/meshes/' + encodeURIComponent(meshId) + '/files/' + encodeURIComponent(name);
}

export async function fetchFile(meshId, name) {
  return (await call(filePath(meshId, name))).blob();
}
