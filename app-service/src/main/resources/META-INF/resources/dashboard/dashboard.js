// podlab live dashboard: plain JavaScript, no build step, no request leaves this origin.
//
// Test contract (DashboardTest here, DashboardIT in e2e-tests read the page through these only):
// - traffic: rows `#traffic-table tbody tr[data-pod]` with data-answers, data-recent, data-errors,
//   data-ready; `#error-windows .window`; `#pause`; window.podlabSamples() returns the raw samples.
// - cluster: `#pods tbody tr[data-pod]` with data-node, data-ip, data-status, data-ready,
//   data-restarts; `#cluster-unavailable` (data-reason, e.g. "not running in Kubernetes") or `#cluster-body`.
// - events: `#events` (the recent ones), `#older-events` folded under `#older-summary`.
// - chaos: `#chaos` is shown only when the server says chaos is enabled; `#target` picks the pod;
//   buttons `#chaos button[data-action="<ChaosAction path>"]`; `#latency-ms`, `#error-percent`;
//   the token input `[data-role="chaos-token"]` (shown when a token is required, kept in
//   sessionStorage, sent as X-Chaos-Token); the answer lands in `#chaos-result` (data-status) and
//   `#chaos-state` (data-pod, data-readiness-failed).
'use strict';

const WINDOW_MS = 60_000;        // traffic statistics and chart: the last minute
const REQUEST_TIMEOUT_MS = 2_000; // a request slower than this counts as an error
const MAX_IN_FLIGHT = 8;          // bounded: a hung Service never piles up requests
const CLUSTER_POLL_MS = 1_000;    // the server answers from its watch cache
const NEW_POD_MS = 60_000;        // pods younger than this are marked NEW
const GONE_SHOWN_MS = 60_000;     // deleted pods stay listed (struck through) this long
const FRESH_EVENT_MS = 5 * 60_000; // older events fold away behind a count
const EVENTS_SHOWN = 8;            // at most this many fresh ones: a rollout makes dozens
const PALETTE = ['#6cc4ff', '#ffd54f', '#a5e06b', '#d59cff', '#ffab5e', '#4ee0d0', '#f7f7f7', '#9fb3ff', '#e6c27a', '#7fe3a1'];
const ERROR_COLOUR = '#ff4d4d';

const $ = (sel) => document.querySelector(sel);
const state = {
  rate: 4, paused: false, inFlight: 0, skipped: 0,
  samples: [],             // {t, ms, ok, status, pod, ready, live, error}
  errorWindows: [],        // {from, to, count, reasons:Set}
  colours: new Map(), lastPod: null, lastReply: new Map(),
  cluster: null, clusterAt: 0, clusterError: null, seenPods: new Map(), gone: new Map(),
  chaos: { enabled: false, tokenRequired: false },
};

// ------------------------------------------------------------------ helpers
function colour(pod) {
  if (!pod) return '#888';
  if (!state.colours.has(pod)) state.colours.set(pod, PALETTE[state.colours.size % PALETTE.length]);
  return state.colours.get(pod);
}
function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}
/** app-service-7d9c8b6f5-x2kqp -> 7d9c8b6f5-x2kqp: the part that tells pods apart. */
function shortName(pod) {
  const service = state.cluster?.service || 'app-service';
  return pod && pod.startsWith(service + '-') ? pod.slice(service.length + 1) : (pod ?? '');
}
function podCell(pod) {
  return `<span class="swatch" style="background:${colour(pod)}"></span><span title="${esc(pod)}">${esc(shortName(pod))}</span>`;
}
function clock(t) { return new Date(t).toLocaleTimeString([], { hour12: false }); }
function age(seconds) {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h${String(Math.floor(seconds % 3600 / 60)).padStart(2, '0')}m`;
  return `${Math.floor(seconds / 86400)}d`;
}
function percentile(sorted, p) { return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] : 0; }

// ------------------------------------------------------------------ traffic
async function sendOne() {
  if (state.inFlight >= MAX_IN_FLIGHT) { state.skipped++; return; }
  state.inFlight++;
  const t = Date.now();
  const sample = { t, ms: 0, ok: false, status: 0, pod: null, ready: null, live: null, error: null };
  try {
    const res = await fetch('/api/info?via=dashboard', {
      cache: 'no-store', headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    sample.status = res.status;
    sample.pod = res.headers.get('X-Podlab-Pod');
    const body = await res.json().catch(() => ({}));
    if (res.ok) {
      sample.ok = true;
      sample.pod = body.pod || sample.pod;
      sample.ready = body.ready; sample.live = body.live;
      state.lastPod = sample.pod;
      state.lastReply.set(sample.pod, { ready: body.ready, live: body.live, t });
    } else {
      sample.error = `HTTP ${res.status}${body.error ? ': ' + body.error : ''}`;
    }
  } catch (e) {
    sample.error = e.name === 'TimeoutError' || e.name === 'AbortError' ? `no answer in ${REQUEST_TIMEOUT_MS} ms` : 'connection failed';
  } finally {
    state.inFlight--;
  }
  sample.ms = Date.now() - t;
  state.samples.push(sample);
  if (!sample.ok) noteError(sample);
}

/** Errors less than 2 s apart belong to the same window. */
function noteError(s) {
  const last = state.errorWindows[state.errorWindows.length - 1];
  const end = s.t + s.ms;
  const reason = (s.pod ? shortName(s.pod) + ': ' : '') + s.error;
  if (last && s.t - last.to < 2000) {
    last.to = Math.max(last.to, end); last.count++; last.reasons.add(reason);
  } else {
    state.errorWindows.push({ from: s.t, to: end, count: 1, reasons: new Set([reason]) });
    if (state.errorWindows.length > 6) state.errorWindows.shift();
  }
}

let trafficTimer = null;
function schedule() {
  clearInterval(trafficTimer);
  if (!state.paused) trafficTimer = setInterval(sendOne, Math.round(1000 / state.rate));
}

function trafficStats(now) {
  const from = now - WINDOW_MS;
  while (state.samples.length && state.samples[0].t < from - 5000) state.samples.shift();
  const recent = state.samples.filter((s) => s.t >= from);
  const byPod = new Map();
  for (const s of recent) {
    const key = s.pod || '';
    if (!byPod.has(key)) byPod.set(key, { pod: s.pod, answers: 0, errors: 0, latencies: [], last: 0 });
    const p = byPod.get(key);
    if (s.ok) { p.answers++; p.latencies.push(s.ms); } else { p.errors++; }
    p.last = Math.max(p.last, s.t);
  }
  const answers = recent.filter((s) => s.ok).length;
  return { recent, byPod, answers, errors: recent.length - answers };
}

function renderTraffic() {
  const now = Date.now();
  const { recent, byPod, answers, errors } = trafficStats(now);
  $('#traffic-summary').textContent = `· ${answers} answers, ${errors} errors in the last minute` + (state.paused ? ' · PAUSED' : '');
  const rows = [...byPod.values()].sort((a, b) => (a.pod === null) - (b.pod === null) || String(a.pod).localeCompare(String(b.pod)));
  $('#traffic-table tbody').innerHTML = rows.map((p) => {
    const sorted = p.latencies.slice().sort((a, b) => a - b);
    const avg = sorted.length ? Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length) : 0;
    const reply = p.pod ? state.lastReply.get(p.pod) : null;
    const says = !reply ? '<span class="dim">-</span>'
      : `${reply.ready ? '<span class="ok">ready</span>' : '<span class="err">NOT READY</span>'}${reply.live ? '' : ' <span class="err">NOT LIVE</span>'}`;
    const recentAnswers = recent.filter((s) => s.ok && s.pod === p.pod && s.t >= now - 5000).length;
    return `<tr data-pod="${esc(p.pod ?? '')}" data-answers="${p.answers}" data-recent="${recentAnswers}" data-errors="${p.errors}" data-ready="${reply ? reply.ready : ''}">
      <td class="pod">${p.pod ? podCell(p.pod) : '<span class="err">no answer</span>'}</td>
      <td class="num">${answers ? Math.round(100 * p.answers / answers) : 0}%</td>
      <td class="num">${p.answers}</td><td class="num">${avg}</td><td class="num">${percentile(sorted, 0.95)}</td>
      <td class="num ${p.errors ? 'err' : ''}">${p.errors}</td><td>${says}</td></tr>`;
  }).join('');
  $('#error-windows').innerHTML = state.errorWindows.filter((w) => w.to > now - 5 * WINDOW_MS).slice().reverse().map((w) =>
    `<div class="window">✖ ${clock(w.from)}–${clock(w.to)} (${((w.to - w.from) / 1000).toFixed(1)} s): ${w.count} error${w.count > 1 ? 's' : ''} · ${esc([...w.reasons].slice(0, 3).join('; '))}</div>`).join('');
  // A port-forward goes to one pod: say so when the cluster has more pods ready than ever answer.
  const answering = new Set(recent.filter((s) => s.ok && s.t > now - 20_000).map((s) => s.pod));
  const readyPods = state.cluster?.pods?.filter((p) => p.ready).length ?? 0;
  const hint = $('#hint');
  hint.hidden = !(answering.size === 1 && readyPods > 1 && recent.length > 30);
  hint.textContent = 'Only one pod answers: a port-forward goes to one pod, not through the Service. Use the NodePort, e.g. http://127.0.0.1:30080/dashboard/';
  drawChart(now, recent);
}

function drawChart(now, recent) {
  const canvas = $('#chart');
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth, h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
  }
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const buckets = Array.from({ length: 60 }, () => ({ pods: new Map(), errors: 0, lat: 0, n: 0 }));
  const end = Math.floor(now / 1000) * 1000 + 1000;
  for (const s of recent) {
    const i = 59 - Math.floor((end - 1 - s.t) / 1000);
    if (i < 0 || i > 59) continue;
    const b = buckets[i];
    if (s.ok) { b.pods.set(s.pod, (b.pods.get(s.pod) || 0) + 1); b.lat += s.ms; b.n++; } else { b.errors++; }
  }
  const max = Math.max(state.rate, ...buckets.map((b) => b.n + b.errors), 1);
  const bw = w / 60, plotH = h - 14;
  g.strokeStyle = '#2c333d'; g.fillStyle = '#b4bcc8'; g.font = '11px system-ui, sans-serif';
  for (let s = 0; s <= 60; s += 10) {
    const x = w - s * bw;
    g.beginPath(); g.moveTo(x, 0); g.lineTo(x, plotH); g.stroke();
    g.fillText(s ? `-${s}s` : 'now', Math.min(Math.max(x - 10, 0), w - 24), h - 2);
  }
  buckets.forEach((b, i) => {
    let y = plotH;
    const x = i * bw + 1;
    const order = [...b.pods.keys()].sort();
    for (const pod of order) {
      const bh = b.pods.get(pod) / max * (plotH - 4);
      g.fillStyle = colour(pod); g.fillRect(x, y - bh, bw - 2, bh); y -= bh;
    }
    if (b.errors) { const bh = b.errors / max * (plotH - 4); g.fillStyle = ERROR_COLOUR; g.fillRect(x, y - bh, bw - 2, bh); }
  });
  const lats = buckets.map((b) => (b.n ? b.lat / b.n : null));
  const maxLat = Math.max(10, ...lats.filter((l) => l !== null));
  g.strokeStyle = '#ffffff'; g.lineWidth = 2; g.beginPath();
  let drawing = false;
  lats.forEach((l, i) => {
    if (l === null) { drawing = false; return; }
    const x = i * bw + bw / 2, y = plotH - l / maxLat * (plotH - 6);
    if (drawing) g.lineTo(x, y); else g.moveTo(x, y);
    drawing = true;
  });
  g.stroke(); g.lineWidth = 1;
  $('#latency-scale').textContent = `latency top = ${Math.round(maxLat)} ms · bars top = ${max}/s`;
}

// ------------------------------------------------------------------ cluster
async function pollCluster() {
  try {
    const res = await fetch('/api/cluster', { cache: 'no-store', headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
    state.cluster = body; state.clusterAt = Date.now(); state.clusterError = null;
    state.chaos = body.chaos || state.chaos;
  } catch (e) {
    state.clusterError = `${clock(Date.now())}: no answer from /api/cluster (${e.message})`;
  }
  renderCluster();
  renderChaos();
}

function renderCluster() {
  const c = state.cluster;
  $('#served-by').textContent = c?.servedBy ?? '…';
  const unavailable = $('#cluster-unavailable');
  if (!c || !c.available) {
    unavailable.hidden = false;
    $('#cluster-body').hidden = true;
    const reason = c?.reason ?? state.clusterError ?? 'asking the app…';
    const plain = reason === 'not running in Kubernetes'
      ? 'Not running in Kubernetes: there is no cluster to show.'
      : `No cluster view: ${reason}`;
    unavailable.innerHTML = `${esc(plain)}<small>This page is served by ${esc(c?.servedBy ?? '?')}. The traffic view works anywhere; pods, endpoints and nodes appear when the app runs in a cluster.</small>`;
    unavailable.dataset.reason = reason;
    $('#cluster-summary').textContent = '';
    return;
  }
  unavailable.hidden = true;
  $('#cluster-body').hidden = false;
  const now = Date.now();
  const current = new Set(c.pods.map((p) => p.name));
  for (const p of c.pods) state.seenPods.set(p.name, p);
  for (const [name, p] of state.seenPods) {
    if (!current.has(name)) { state.gone.set(name, { pod: p, at: now }); state.seenPods.delete(name); }
  }
  for (const [name, g] of state.gone) if (now - g.at > GONE_SHOWN_MS || current.has(name)) state.gone.delete(name);

  const ready = c.pods.filter((p) => p.ready && !p.deleting).length;
  $('#cluster-summary').textContent = `· namespace ${c.namespace} · ${ready}/${c.pods.length} pods ready` + (state.clusterError ? ` · ${state.clusterError}` : '');
  $('#pods tbody').innerHTML = c.pods.map((p) => {
    const cls = p.deleting ? 'deleting' : !p.ready ? 'notready' : p.ageSeconds * 1000 < NEW_POD_MS ? 'new' : '';
    const statusCls = p.status === 'Running' ? 'ok' : p.status === 'Terminating' || p.status === 'Pending' || p.status === 'ContainerCreating' ? 'warn' : 'err';
    const containers = (p.containers || []).map((k) => {
      const name = k.name === c.service ? 'app' : k.name.replace(/-logger$/, '');
      const mark = k.ready ? '<span class="ok">✓</span>' : `<span class="err">✗${k.reason ? ' ' + esc(k.reason) : ''}</span>`;
      return `${esc(name)}&nbsp;${mark}`;
    }).join(' ');
    const last = (p.containers || []).map((k) => k.lastTermination).filter(Boolean)[0];
    const probe = p.lastProbeFailure && serverNow() - Date.parse(p.lastProbeFailure.time) < 120_000 ? p.lastProbeFailure.explanation ?? p.lastProbeFailure.message : '';
    return `<tr class="${cls}" data-pod="${esc(p.name)}" data-node="${esc(p.node ?? '')}" data-ip="${esc(p.podIp ?? '')}" data-status="${esc(p.status)}" data-ready="${p.ready}" data-restarts="${p.restarts}" title="${esc(probe)}">
      <td class="pod">${podCell(p.name)}${cls === 'new' ? '<span class="badge">NEW</span>' : ''}</td>
      <td>${esc(p.node ?? '-')}</td><td class="mono">${esc(p.podIp ?? '-')}</td>
      <td><span class="${statusCls}">${esc(p.status)}</span> ${p.ready ? '<span class="ok">Ready</span>' : '<span class="err">NOT READY</span>'}</td>
      <td>${containers || '-'}</td>
      <td class="num ${p.restarts ? 'warn' : ''}" title="${esc(last ?? '')}">${p.restarts}${last ? ' <span class="dim">(' + esc(last) + ')</span>' : ''}</td>
      <td class="num">${age(p.ageSeconds)}</td></tr>`;
  }).join('');
  $('#gone').innerHTML = state.gone.size ? 'gone: ' + [...state.gone.values()].map((g) =>
    `<span data-pod="${esc(g.pod.name)}" class="gone-pod">${esc(shortName(g.pod.name))} ${esc(g.pod.podIp ?? '')} (${Math.round((now - g.at) / 1000)} s ago)</span>`).join('') : '';

  $('#service-name').textContent = c.service;
  $('#endpoints').innerHTML = c.endpoints.length ? c.endpoints.map((e) => {
    const cls = e.terminating ? 'terminating' : e.ready ? 'ready' : 'notready';
    const label = e.terminating ? 'terminating' : e.ready ? 'ready' : 'NOT READY';
    return `<span class="chip ${cls}" data-pod="${esc(e.pod ?? '')}" data-ip="${esc(e.ip)}" data-ready="${e.ready}" data-terminating="${e.terminating}">
      <span class="swatch" style="background:${colour(e.pod)}"></span><span class="mono">${esc(e.ip)}</span> ${esc(shortName(e.pod))} <b class="${e.ready ? 'ok' : 'err'}">${label}</b></span>`;
  }).join('') : '<span class="err">no endpoints: the Service has nowhere to send traffic</span>';

  const podsOn = (node) => c.pods.filter((p) => p.node === node).map((p) => `<span class="swatch" style="background:${colour(p.name)}" title="${esc(p.name)}"></span>`).join('');
  $('#nodes').innerHTML = c.nodes.items.map((n) => {
    const cls = n.status === 'Ready' ? 'ready' : n.status === 'NotReady' ? 'notready' : 'unknown';
    const st = n.status === 'Ready' ? '<b class="ok">Ready</b>' : n.status === 'NotReady' ? '<b class="err">NotReady</b>' : '<b class="dim">status unknown</b>';
    return `<span class="chip ${cls}" data-node="${esc(n.name)}" data-status="${esc(n.status)}">${esc(n.name)}${n.controlPlane ? ' <span class="dim">(control plane)</span>' : ''} ${st} ${podsOn(n.name)}</span>`;
  }).join('') + (c.nodes.readable ? '' : ` <span class="dim">${esc(c.nodes.reason ?? '')}</span>`);

  renderEvents(c);
}

/** The server's clock now: its last answer's, moved on by the time since (no clock skew between the two). */
function serverNow() { return Date.parse(state.cluster.observedAt) + (Date.now() - state.clusterAt); }
/** "2 min ago", from a server timestamp: ages move between answers. */
function ago(time) {
  const s = Math.max(0, Math.round((serverNow() - Date.parse(time)) / 1000));
  return s < 60 ? `${s} s ago` : s < 3600 ? `${Math.floor(s / 60)} min ago` : `${Math.floor(s / 3600)} h ago`;
}

/** The server sends recent events, newest first; the fresh ones show, older ones fold away behind a count. */
function renderEvents(c) {
  const events = (c.events || []).filter((e) => e.time);
  const now = serverNow();
  const fresh = events.filter((e) => now - Date.parse(e.time) < FRESH_EVENT_MS).slice(0, EVENTS_SHOWN);
  const older = events.filter((e) => !fresh.includes(e));
  const line = (e) => `<li class="${esc(e.type)}" data-type="${esc(e.type)}" data-reason="${esc(e.reason)}" data-time="${esc(e.time)}" title="${esc(e.message)}">`
    + `<span class="dim age">${ago(e.time)}</span> <span><b>${esc(e.reason)}</b> ${esc(shortName(e.object))}: `
    + `${e.explanation ? '<span class="explained">' + esc(e.explanation) + '</span>' : esc(e.message)}`
    + `${e.count > 1 ? ' <span class="dim">×' + e.count + '</span>' : ''}</span></li>`;
  $('#events').innerHTML = fresh.length ? fresh.map(line).join('') : '<li class="dim quiet">no events in the last few minutes</li>';
  const warnings = older.filter((e) => e.type === 'Warning').length;
  $('#older-events').hidden = older.length === 0;
  $('#older-events').dataset.count = older.length;
  $('#older-events').dataset.warnings = warnings;
  $('#older-summary').textContent = `show ${older.length} older event${older.length > 1 ? 's' : ''}`
    + (warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : '');
  $('#events-older').innerHTML = older.map(line).join('');
}

// ------------------------------------------------------------------ chaos
function targets() {
  const names = state.cluster?.available ? state.cluster.pods.filter((p) => !p.deleting).map((p) => p.name)
    : [...new Set(state.samples.filter((s) => s.ok).map((s) => s.pod))];
  return names.sort();
}

function renderChaos() {
  const box = $('#chaos');
  box.hidden = !state.chaos.enabled;
  if (!state.chaos.enabled) return;
  $('#token-box').hidden = !state.chaos.tokenRequired;
  const select = $('#target');
  const chosen = select.value;
  const options = [{ value: '', label: `the pod that answered last${state.lastPod ? ' (' + shortName(state.lastPod) + ')' : ''}` }]
    .concat(targets().map((n) => ({ value: n, label: shortName(n) })));
  const signature = options.map((o) => o.value + o.label).join('|');
  if (select.dataset.signature !== signature) {
    select.innerHTML = options.map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`).join('');
    select.value = options.some((o) => o.value === chosen) ? chosen : '';
    select.dataset.signature = signature;
  }
}

function chaosTarget() { return $('#target').value || state.lastPod; }

// Every chaos POST says Content-Type: application/json, body or not: the server refuses a POST
// that says neither that nor X-Chaos-Token, which keeps cross-site forms out.
function chaosHeaders(post) {
  const h = { Accept: 'application/json' };
  if (post) h['Content-Type'] = 'application/json';
  const token = $('#token').value;
  if (token) h['X-Chaos-Token'] = token;
  return h;
}

async function chaos(action) {
  const pod = chaosTarget();
  const result = $('#chaos-result');
  if (!pod) { result.textContent = 'No pod has answered yet: wait for traffic or choose a pod.'; result.className = 'result failed'; return; }
  let body = null;
  if (action === 'latency') body = { ms: Number($('#latency-ms').value) };
  if (action === 'errors') body = { percent: Number($('#error-percent').value) };
  if (action === 'crash') body = { exitCode: 3 };
  if (action === 'hang') body = { seconds: 0 };
  result.className = 'result'; result.textContent = `${shortName(pod)}: ${action} …`;
  try {
    const res = await fetch(`/api/pods/${encodeURIComponent(pod)}/admin/${action}`, {
      method: 'POST', headers: chaosHeaders(true), body: body === null ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(6000),
    });
    const answer = await res.json().catch(() => ({}));
    result.className = res.ok ? 'result' : 'result failed';
    result.dataset.status = res.status;
    result.textContent = `${clock(Date.now())} ${shortName(pod)}: ${action} → ${res.status} ${answer.error ?? ''}`;
    if (res.ok && 'readinessFailed' in answer) showChaosState(pod, answer);
  } catch (e) {
    result.className = 'result failed';
    result.textContent = `${shortName(pod)}: ${action} failed (${e.message})`;
  }
}

function showChaosState(pod, s) {
  const chip = (on, text) => `<span class="chip ${on ? 'notready' : 'ready'}">${text}</span>`;
  $('#chaos-state').innerHTML = `<span class="dim">${esc(shortName(pod))}:</span>`
    + chip(s.readinessFailed, `readiness ${s.readinessFailed ? 'OFF' : 'on'}`)
    + chip(s.livenessFailed, `liveness ${s.livenessFailed ? 'OFF' : 'on'}`)
    + chip(s.latencyMs > 0, `latency ${esc(s.latencyMs)} ms`)
    + chip(s.errorPercent > 0, `errors ${esc(s.errorPercent)}%`)
    + chip(s.hanging, s.hanging ? 'HANGING' : 'not hanging');
  $('#chaos-state').dataset.pod = pod;
  $('#chaos-state').dataset.readinessFailed = s.readinessFailed;
}

async function refreshChaosState() {
  const pod = chaosTarget();
  if (!state.chaos.enabled || !pod || document.hidden) return;
  try {
    const res = await fetch(`/api/pods/${encodeURIComponent(pod)}/admin/state`, { headers: chaosHeaders(false), cache: 'no-store', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (res.ok) showChaosState(pod, await res.json());
  } catch (e) { /* the pod may be gone or hanging: the next round tries again */ }
}

// ------------------------------------------------------------------ wiring
function init() {
  const rate = $('#rate');
  const saved = Number(new URLSearchParams(location.search).get('rate'));
  if (saved >= 1 && saved <= 20) rate.value = saved;
  const applyRate = () => { state.rate = Number(rate.value); $('#rate-value').textContent = rate.value; schedule(); };
  rate.addEventListener('input', applyRate);
  $('#pause').addEventListener('click', () => { state.paused = !state.paused; $('#pause').textContent = state.paused ? 'Resume' : 'Pause'; schedule(); });
  $('#clear').addEventListener('click', () => { state.samples = []; state.errorWindows = []; state.lastReply.clear(); renderTraffic(); });
  document.querySelectorAll('#chaos button[data-action]').forEach((b) => b.addEventListener('click', () => chaos(b.dataset.action)));
  $('#token').value = sessionStorage.getItem('podlab.token') ?? '';
  $('#token').addEventListener('input', () => sessionStorage.setItem('podlab.token', $('#token').value));
  applyRate();
  pollCluster();
  setInterval(pollCluster, CLUSTER_POLL_MS);
  setInterval(renderTraffic, 500);
  setInterval(refreshChaosState, 2000);
  setInterval(() => { $('#clock').textContent = clock(Date.now()); }, 1000);
  $('#clock').textContent = clock(Date.now());
}
// For tests and the curious: the raw samples of the last minute (copies).
window.podlabSamples = () => state.samples.map((s) => ({ ...s }));
init();
