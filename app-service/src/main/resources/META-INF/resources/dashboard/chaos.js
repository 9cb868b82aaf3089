// The chaos panel: break one pod of the app on purpose, through this pod's /api/pods/{name}/admin proxy.
// Its switches come from GET /api/chaos (the server's ChaosSwitch list): a flag gets an off and an on
// button, a level a number field and a Set button. Hang, crash and reset are in index.html.
import { $, REQUEST_TIMEOUT_MS, clock, esc, shortName } from './shared.js';

let settings = { enabled: false, tokenRequired: false }; // what the server last said
let switches = null; // GET /api/chaos's list, once it answered
let building = null; // that request, while it runs
let lastPod = () => null;
let targets = () => [];

const capitalised = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** The controls for each switch the server offers, built once; the panel shows once they are there. */
function buildSwitches() {
  building ??= fetch('/api/chaos', { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
    .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
    .then((offer) => {
      switches = offer.switches;
      $('#chaos-flags').insertAdjacentHTML('afterbegin', switches.filter((s) => s.flag).map((s) =>
        `<button type="button" data-action="${esc(s.path)}/fail" class="bad">${esc(capitalised(s.path))} off</button>`
        + `<button type="button" data-action="${esc(s.path)}/recover" class="good">${esc(capitalised(s.path))} on</button>`).join(''));
      $('#chaos-levels').innerHTML = switches.filter((s) => !s.flag).map((s) =>
        `<label for="chaos-${esc(s.path)}">${esc(s.path)} ${esc(s.unit)}</label>`
        + `<input id="chaos-${esc(s.path)}" type="number" min="0" max="${esc(s.max)}" value="${esc(s.suggested)}">`
        + `<button type="button" data-action="${esc(s.path)}">Set</button>`).join('');
      renderChaos();
    })
    .catch(() => { /* the next render tries again */ })
    .finally(() => { building = null; });
}

/** Shows or hides the panel as the server says, and keeps the pod list current. */
export function renderChaos(chaos) {
  settings = chaos ?? settings;
  if (settings.enabled && !switches) buildSwitches();
  $('#chaos').hidden = !settings.enabled || !switches;
  if ($('#chaos').hidden) return;
  $('#token-box').hidden = !settings.tokenRequired;
  const select = $('#target');
  const chosen = select.value;
  const pods = targets().sort();
  // Options are rebuilt only when the pods change: the first one's label follows every answer,
  // and rebuilding on each would close a list the instructor has open (and drop its elements).
  const signature = pods.join('|');
  if (select.dataset.signature !== signature) {
    select.innerHTML = '<option value=""></option>' + pods.map((n) => `<option value="${esc(n)}">${esc(shortName(n))}</option>`).join('');
    select.value = pods.includes(chosen) ? chosen : '';
    select.dataset.signature = signature;
  }
  select.options[0].textContent = `the pod that answered last${lastPod() ? ' (' + shortName(lastPod()) + ')' : ''}`;
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

function body(action) {
  const level = switches?.find((s) => !s.flag && s.path === action);
  if (level) return { [level.field]: Number($(`#chaos-${level.path}`).value) };
  return { crash: { exitCode: 3 }, hang: { seconds: 0 } }[action];
}

async function act(action) {
  const pod = target();
  const result = $('#chaos-result');
  if (!pod) { result.textContent = 'No pod has answered yet: wait for traffic or choose a pod.'; result.className = 'result failed'; return; }
  const payload = body(action);
  result.className = 'result'; result.textContent = `${shortName(pod)}: ${action} …`;
  try {
    const res = await fetch(`/api/pods/${encodeURIComponent(pod)}/admin/${action}`, {
      method: 'POST', headers: headers(true), body: payload === undefined ? undefined : JSON.stringify(payload), signal: AbortSignal.timeout(6000),
    });
    const answer = await res.json().catch(() => ({}));
    result.className = res.ok ? 'result' : 'result failed';
    result.dataset.status = res.status;
    result.textContent = `${clock(Date.now())} ${shortName(pod)}: ${action} → ${res.status} ${answer.error ?? ''}`;
    if (res.ok && 'hanging' in answer) showState(pod, answer);
  } catch (e) {
    result.className = 'result failed';
    result.textContent = `${shortName(pod)}: ${action} failed (${e.message})`;
  }
}

/** A chip per switch (red while it is on) and one for a hang; data-<key> holds each value. */
function showState(pod, s) {
  if (!switches) return;
  const chip = (on, text) => `<span class="chip ${on ? 'notready' : 'ready'}">${esc(text)}</span>`;
  const box = $('#chaos-state');
  box.innerHTML = `<span class="dim">${esc(shortName(pod))}:</span>`
    + switches.map((w) => (w.flag ? chip(s[w.key], `${w.path} ${s[w.key] ? 'OFF' : 'on'}`)
      : chip(s[w.key] > 0, `${w.path} ${s[w.key]} ${w.unit}`))).join('')
    + chip(s.hanging, s.hanging ? 'HANGING' : 'not hanging');
  box.dataset.pod = pod;
  switches.forEach((w) => { box.dataset[w.key] = s[w.key]; });
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
  // One listener for the buttons in index.html and those built from GET /api/chaos.
  $('#chaos').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-action]');
    if (button) act(button.dataset.action);
  });
  $('#token').value = sessionStorage.getItem('podlab.token') ?? '';
  $('#token').addEventListener('input', () => sessionStorage.setItem('podlab.token', $('#token').value));
  setInterval(refreshState, 2000);
}
