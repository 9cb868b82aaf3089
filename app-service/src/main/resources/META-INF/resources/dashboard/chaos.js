// The chaos panel: break one pod of the app on purpose, through this pod's /api/pods/{name}/admin proxy.
import { $, REQUEST_TIMEOUT_MS, clock, esc, shortName } from './shared.js';

let settings = { enabled: false, tokenRequired: false }; // what the server last said
let lastPod = () => null;
let targets = () => [];

/** Shows or hides the panel as the server says, and keeps the pod list current. */
export function renderChaos(chaos) {
  settings = chaos ?? settings;
  $('#chaos').hidden = !settings.enabled;
  if (!settings.enabled) return;
  $('#token-box').hidden = !settings.tokenRequired;
  const select = $('#target');
  const chosen = select.value;
  const options = [{ value: '', label: `the pod that answered last${lastPod() ? ' (' + shortName(lastPod()) + ')' : ''}` }]
    .concat(targets().sort().map((n) => ({ value: n, label: shortName(n) })));
  const signature = options.map((o) => o.value + o.label).join('|');
  if (select.dataset.signature !== signature) {
    select.innerHTML = options.map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`).join('');
    select.value = options.some((o) => o.value === chosen) ? chosen : '';
    select.dataset.signature = signature;
  }
}

function target() { return $('#target').value || lastPod(); }

// Every chaos POST says Content-Type: application/json, body or not: the server refuses a POST
// that says neither that nor X-Chaos-Token, which keeps cross-site forms out.
function headers(post) {
  const h = { Accept: 'application/json' };
  if (post) h['Content-Type'] = 'application/json';
  const token = $('#token').value;
  if (token) h['X-Chaos-Token'] = token;
  return h;
}

async function act(action) {
  const pod = target();
  const result = $('#chaos-result');
  if (!pod) { result.textContent = 'No pod has answered yet: wait for traffic or choose a pod.'; result.className = 'result failed'; return; }
  const body = {
    latency: { ms: Number($('#latency-ms').value) },
    errors: { percent: Number($('#error-percent').value) },
    crash: { exitCode: 3 },
    hang: { seconds: 0 },
  }[action];
  result.className = 'result'; result.textContent = `${shortName(pod)}: ${action} …`;
  try {
    const res = await fetch(`/api/pods/${encodeURIComponent(pod)}/admin/${action}`, {
      method: 'POST', headers: headers(true), body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(6000),
    });
    const answer = await res.json().catch(() => ({}));
    result.className = res.ok ? 'result' : 'result failed';
    result.dataset.status = res.status;
    result.textContent = `${clock(Date.now())} ${shortName(pod)}: ${action} → ${res.status} ${answer.error ?? ''}`;
    if (res.ok && 'readinessFailed' in answer) showState(pod, answer);
  } catch (e) {
    result.className = 'result failed';
    result.textContent = `${shortName(pod)}: ${action} failed (${e.message})`;
  }
}

function showState(pod, s) {
  const chip = (on, text) => `<span class="chip ${on ? 'notready' : 'ready'}">${text}</span>`;
  const box = $('#chaos-state');
  box.innerHTML = `<span class="dim">${esc(shortName(pod))}:</span>`
    + chip(s.readinessFailed, `readiness ${s.readinessFailed ? 'OFF' : 'on'}`)
    + chip(s.livenessFailed, `liveness ${s.livenessFailed ? 'OFF' : 'on'}`)
    + chip(s.latencyMs > 0, `latency ${esc(s.latencyMs)} ms`)
    + chip(s.errorPercent > 0, `errors ${esc(s.errorPercent)}%`)
    + chip(s.hanging, s.hanging ? 'HANGING' : 'not hanging');
  box.dataset.pod = pod;
  box.dataset.readinessFailed = s.readinessFailed;
}

async function refreshState() {
  const pod = target();
  if (!settings.enabled || !pod || document.hidden) return;
  try {
    const res = await fetch(`/api/pods/${encodeURIComponent(pod)}/admin/state`, { headers: headers(false), cache: 'no-store', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (res.ok) showState(pod, await res.json());
  } catch (e) { /* the pod may be gone or hanging: the next round tries again */ }
}

/** Wires the buttons and the token; lastAnswered() and podNames() give the default target and the choices. */
export function startChaos(lastAnswered, podNames) {
  lastPod = lastAnswered;
  targets = podNames;
  document.querySelectorAll('#chaos button[data-action]').forEach((b) => b.addEventListener('click', () => act(b.dataset.action)));
  $('#token').value = sessionStorage.getItem('podlab.token') ?? '';
  $('#token').addEventListener('input', () => sessionStorage.setItem('podlab.token', $('#token').value));
  setInterval(refreshState, 2000);
}
