// The studio page: wires the form, the job's progress, the preview, the downloads and the gallery together.
import { ApiProblem, apiKey, cancelJob, fetchFile, followJob, getJob, getMesh, setApiKey, submitJob } from './api.js';
import { Gallery } from './gallery.js';
import { describeProblem } from './messages.js';
import { Progress } from './progress.js';
import { showStats } from './stats.js';
import { Viewer } from './viewer.js';

const $ = (id) => document.getElementById(id);
const FORMATS = ['glb', 'obj', 'stl', 'ply'];
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

const state = {
  file: null, // the picture picked in this tab
  pictureUrl: null,
  job: null, // the job in flight: {id, abort}
  mesh: null, // the MeshView shown
  madeFrom: new Map(), // mesh id → {file, options} it was made from in this tab (for other formats)
  retryAt: 0, // after a 429: when its Retry-After has passed (epoch ms)
};

const viewer = new Viewer($('canvas'));
const progress = new Progress($('progress-box'));
const gallery = new Gallery($('gallery'), $('gallery-more'), openMesh, showProblem);

// --- API key: entered once, kept in sessionStorage (this tab only), never put in a URL ---------------------------
function showKeyState() {
  $('key-state').textContent = apiKey() ? 'A key is set for this tab.' : 'No key set.';
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  setApiKey($('api-key').value.trim());
  $('api-key').value = '';
  showKeyState();
  gallery.refresh();
});
$('key-forget').addEventListener('click', () => {
  setApiKey('');
  showKeyState();
});

// --- the picture: dropped or picked, shown at once ----------------------------------------------------------------
function pick(file) {
  if (!file) {
    return;
  }
  state.file = file;
  if (state.pictureUrl) {
    URL.revokeObjectURL(state.pictureUrl);
  }
  state.pictureUrl = URL.createObjectURL(file);
  const picture = $('picture');
  picture.src = state.pictureUrl;
  picture.alt = 'The picture: ' + file.name;
  picture.hidden = false;
  $('drop').dataset.state = 'picked';
  $('drop-text').textContent = 'Drop or choose another picture';
  $('file-name').textContent = `${file.name} · ${formatBytes(file.size)}`;
  $('generate').disabled = state.job !== null || Date.now() < state.retryAt;
  hideMessage();
}

$('image').addEventListener('change', () => pick($('image').files[0]));
const drop = $('drop');
drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  pick(event.dataTransfer.files[0]);
});

// --- a job: submit, follow its events, show the result ------------------------------------------------------------
function options(format) {
  return {
    format: format ?? $('format').value,
    quality: $('quality').value,
    faces: $('faces').value.trim(),
    foreground: $('foreground').value,
  };
}

function facesValid() {
  const faces = $('faces');
  const value = faces.value.trim();
  const ok = value === '' || (/^\d+$/.test(value) && +value >= 100 && +value <= 500000);
  $('faces-error').textContent = ok ? '' : 'Faces must be a whole number from 100 to 500000, or empty.';
  faces.setAttribute('aria-invalid', String(!ok));
  if (!ok) {
    faces.focus();
  }
  return ok;
}

$('job-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!state.file || state.job || !facesValid()) {
    return;
  }
  hideMessage();
  const chosen = options();
  setBusy(true);
  progress.start();
  try {
    const job = await runJob(state.file, chosen, (update) => progress.update(update));
    if (job.status === 'succeeded') {
      state.madeFrom.set(job.result.id, { file: state.file, options: chosen });
      announce('The model is ready.');
      await showMesh(job.result);
      gallery.refresh();
    }
  } catch (error) {
    progress.fail();
    showProblem(error);
  } finally {
    setBusy(false);
  }
});

$('cancel').addEventListener('click', async () => {
  const job = state.job;
  if (!job?.id) {
    return;
  }
  try {
    await cancelJob(job.id);
  } catch (error) {
    showProblem(error);
  }
});

/**
 * Submits one job and follows it to its end; resolves with the final job document (status succeeded or
 * cancelled), throws an ApiProblem when it was refused or failed.
 */
async function runJob(file, chosen, onUpdate) {
  const abort = new AbortController();
  state.job = { id: null, abort };
  let job = await submitJob(file, { ...chosen, name: file.name });
  state.job.id = job.id;
  onUpdate(job);
  let delay = 250;
  while (!TERMINAL.has(job.status)) {
    try {
      job = (await followJob(job.links?.events ?? `/jobs/${job.id}/events`, onUpdate, abort.signal)) ?? job;
    } catch (error) {
      if (error instanceof ApiProblem && error.status !== 0) {
        throw error;
      }
    }
    if (!TERMINAL.has(job.status)) {
      // the stream ended early (a proxy, a flaky connection): ask for the state, then follow again
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 4000);
      job = await getJob(job.id);
      onUpdate(job);
    }
  }
  if (job.status === 'failed') {
    throw new ApiProblem(job.problem ?? { title: 'The job failed' }, job.problem?.retryAfter);
  }
  if (job.status === 'cancelled') {
    progress.cancelled();
    announce('Cancelled.');
  }
  return job;
}

function setBusy(busy) {
  if (!busy) {
    state.job = null;
  }
  $('generate').disabled = busy || !state.file || Date.now() < state.retryAt;
  $('cancel').hidden = !busy;
  $('generate').textContent = busy ? 'Making the model…' : 'Make the 3D model';
}

// --- a mesh: preview, stats, downloads ----------------------------------------------------------------------------
async function openMesh(id) {
  hideMessage();
  try {
    await showMesh(await getMesh(id));
    announce('Opened mesh ' + id + '.');
    $('canvas').focus();
  } catch (error) {
    showProblem(error);
  }
}

async function showMesh(view) {
  state.mesh = view;
  showStats(view);
  renderDownloads(view);
  const model = view.files[0];
  const bytes = await (await fetchFile(view.id, model.name)).arrayBuffer();
  await viewer.show(bytes, view.format);
  $('viewer-empty').hidden = true;
  $('viewer').dataset.mesh = view.id;
}

function renderDownloads(view) {
  const list = $('downloads');
  list.replaceChildren();
  for (const file of view.files) {
    list.append(downloadItem(view.id, file));
  }
  const origin = state.madeFrom.get(view.id);
  for (const format of FORMATS.filter((f) => f !== view.format)) {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Make ' + format.toUpperCase();
    if (origin) {
      button.addEventListener('click', () => makeFormat(origin, format, item));
    } else {
      button.disabled = true;
      button.title = 'Pick the picture again to make other formats';
    }
    item.append(button);
    list.append(item);
  }
}

function downloadItem(meshId, file) {
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'download';
  button.dataset.file = file.name;
  button.textContent = `Download ${file.name} (${formatBytes(file.bytes)})`;
  button.addEventListener('click', () => download(meshId, file.name));
  item.append(button);
  return item;
}

/** Another format from the same picture and options: a new job (the store's cache makes a repeat cheap). */
async function makeFormat(origin, format, item) {
  if (state.job) {
    return;
  }
  hideMessage();
  const button = item.querySelector('button');
  button.disabled = true;
  button.textContent = `Making ${format.toUpperCase()}…`;
  setBusy(true);
  try {
    const job = await runJob(origin.file, { ...origin.options, format }, (update) => {
      button.textContent = `Making ${format.toUpperCase()}… ${update.progress?.percent ?? 0} %`;
    });
    if (job.status === 'succeeded') {
      state.madeFrom.set(job.result.id, origin);
      item.replaceWith(...job.result.files.map((file) => downloadItem(job.result.id, file)));
      announce(format.toUpperCase() + ' is ready to download.');
      return;
    }
  } catch (error) {
    showProblem(error);
  } finally {
    setBusy(false);
  }
  button.disabled = false;
  button.textContent = 'Make ' + format.toUpperCase();
}

async function download(meshId, name) {
  try {
    const blob = await fetchFile(meshId, name);
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    showProblem(error);
  }
}

// --- messages -----------------------------------------------------------------------------------------------------
function showProblem(error) {
  if (!(error instanceof ApiProblem)) {
    console.warn('studio:', error);
  }
  const { headline, detail } = describeProblem(error);
  const box = $('message');
  box.replaceChildren();
  const strong = document.createElement('strong');
  strong.textContent = headline;
  box.append(strong);
  if (detail) {
    const more = document.createElement('span');
    more.textContent = detail;
    box.append(more);
  }
  box.dataset.problem = error.slug ?? '';
  box.hidden = false;
  if (error.status === 429 && error.retryAfter) {
    holdStartFor(error.retryAfter);
  }
}

/** After a 429 the start button waits out the Retry-After, so a click cannot only earn another 429. */
function holdStartFor(seconds) {
  state.retryAt = Date.now() + seconds * 1000;
  $('generate').disabled = true;
  setTimeout(() => {
    state.retryAt = 0;
    $('generate').disabled = state.job !== null || !state.file;
  }, seconds * 1000);
}

function hideMessage() {
  $('message').hidden = true;
}

function announce(text) {
  $('status').textContent = text;
}

function formatBytes(bytes) {
  if (bytes < 1024) {
    return bytes + ' B';
  }
  return bytes < 1024 * 1024 ? (bytes / 1024).toFixed(0) + ' KB' : (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

// --- preview controls ---------------------------------------------------------------------------------------------
function toggle(id, apply) {
  const button = $(id);
  button.addEventListener('click', () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(on));
    apply(on);
  });
}
toggle('turntable', (on) => viewer.setTurntable(on));
toggle('wireframe', (on) => viewer.setWireframe(on));
$('lighting').addEventListener('change', () => viewer.setLighting($('lighting').value));
$('reset-view').addEventListener('click', () => viewer.resetView());
$('gallery-refresh').addEventListener('click', () => gallery.refresh());

showKeyState();
gallery.refresh();
document.body.dataset.ready = 'true';
