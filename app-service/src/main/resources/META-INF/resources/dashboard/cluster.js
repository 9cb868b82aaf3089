// The cluster as the app's watches see it (GET /api/cluster): pods, endpoints, nodes, CPU and memory, events.
import { $, REQUEST_TIMEOUT_MS, age, clock, colour, cpu, esc, memory, podCell, setService, shortName } from './shared.js';

const POLL_MS = 1_000;              // the server answers from its watch cache
const NEW_POD_MS = 60_000;          // pods younger than this are marked NEW
const GONE_SHOWN_MS = 60_000;       // deleted pods stay listed (struck through) this long
const FRESH_EVENT_MS = 5 * 60_000;  // older events fold away behind a count
const EVENTS_SHOWN = 8;             // at most this many fresh ones: a rollout makes dozens
const NOT_IN_KUBERNETES = 'not running in Kubernetes'; // the server's reason, word for word

let view = null;      // the last answer
let viewAt = 0;       // when it came, by this browser's clock
let failure = null;   // why the last poll failed, if it did
const seenPods = new Map();
const gone = new Map();

/** The last answer of /api/cluster (null before the first). */
export function latestView() { return view; }

async function poll(onView) {
  try {
    const res = await fetch('/api/cluster', { cache: 'no-store', headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
    view = body; viewAt = Date.now(); failure = null;
    setService(body.service);
  } catch (e) {
    failure = `${clock(Date.now())}: no answer from /api/cluster (${e.message})`;
  }
  render();
  onView(view);
}

function render() {
  $('#served-by').textContent = view?.servedBy ?? '…';
  const unavailable = $('#cluster-unavailable');
  const available = view?.available === true;
  unavailable.hidden = available;
  $('#cluster-body').hidden = !available;
  if (!available) {
    const reason = view?.reason ?? failure ?? 'asking the app…';
    const plain = reason === NOT_IN_KUBERNETES ? 'Not running in Kubernetes: there is no cluster to show.' : `No cluster view: ${reason}`;
    unavailable.innerHTML = `${esc(plain)}<small>This page is served by ${esc(view?.servedBy ?? '?')}. The traffic view works anywhere; pods, endpoints and nodes appear when the app runs in a cluster.</small>`;
    unavailable.dataset.reason = reason;
    $('#cluster-summary').textContent = '';
    return;
  }
  const ready = view.pods.filter((p) => p.ready && !p.deleting).length;
  $('#cluster-summary').textContent = `· namespace ${view.namespace} · ${ready}/${view.pods.length} pods ready` + (failure ? ` · ${failure}` : '');
  renderPods(view);
  renderEndpoints(view);
  renderNodes(view);
  renderMetricsNote(view.metrics);
  renderEvents(view);
}

/** "12m" over "150m / 1" (request / limit); warn above the request, red from 90 % of the limit. */
function amountCell(used, request, limit, format) {
  const cls = used == null ? 'dim' : limit != null && used >= 0.9 * limit ? 'err' : request != null && used > request ? 'warn' : '';
  return `<td class="num amount"><span class="${cls}">${format(used)}</span><small>${format(request)} / ${limit == null ? 'none' : format(limit)}</small></td>`;
}

function renderPods(c) {
  const now = Date.now();
  const current = new Set(c.pods.map((p) => p.name));
  for (const p of c.pods) seenPods.set(p.name, p);
  for (const [name, p] of seenPods) {
    if (!current.has(name)) { gone.set(name, { pod: p, at: now }); seenPods.delete(name); }
  }
  for (const [name, g] of gone) if (now - g.at > GONE_SHOWN_MS || current.has(name)) gone.delete(name);

  $('#pods tbody').innerHTML = c.pods.map((p) => {
    const cls = p.deleting ? 'deleting' : !p.ready ? 'notready' : p.ageSeconds * 1000 < NEW_POD_MS ? 'new' : '';
    const statusCls = p.status === 'Running' ? 'ok' : ['Terminating', 'Pending', 'ContainerCreating'].includes(p.status) ? 'warn' : 'err';
    const containers = (p.containers || []).map((k) => {
      const name = k.name === c.service ? 'app' : k.name.replace(/-logger$/, '');
      const mark = k.ready ? '<span class="ok">✓</span>' : `<span class="err">✗${k.reason ? ' ' + esc(k.reason) : ''}</span>`;
      return `${esc(name)}&nbsp;${mark}`;
    }).join(' ');
    const last = (p.containers || []).map((k) => k.lastTermination).filter(Boolean)[0];
    const probe = p.lastProbeFailure && serverNow() - Date.parse(p.lastProbeFailure.time) < 120_000 ? p.lastProbeFailure.explanation ?? p.lastProbeFailure.message : '';
    const u = p.usage ?? {}, rq = p.requests ?? {}, li = p.limits ?? {};
    return `<tr class="${cls}" data-pod="${esc(p.name)}" data-node="${esc(p.node ?? '')}" data-ip="${esc(p.podIp ?? '')}" data-status="${esc(p.status)}" data-ready="${p.ready}" data-restarts="${p.restarts}" data-cpu="${u.cpuMillis ?? ''}" data-memory="${u.memoryBytes ?? ''}" title="${esc(probe)}">
      <td class="pod">${podCell(p.name)}${cls === 'new' ? '<span class="badge">NEW</span>' : ''}<small>${esc(p.node ?? '-')} · <span class="mono">${esc(p.podIp ?? '-')}</span></small></td>
      <td><span class="${statusCls}">${esc(p.status)}</span> ${p.ready ? '<span class="ok">Ready</span>' : '<span class="err">NOT READY</span>'}<small>${containers || '-'}</small></td>
      ${amountCell(u.cpuMillis, rq.cpuMillis, li.cpuMillis, cpu)}${amountCell(u.memoryBytes, rq.memoryBytes, li.memoryBytes, memory)}
      <td class="num ${p.restarts ? 'warn' : ''}" title="${esc(last ?? '')}">${p.restarts}${last ? '<small>' + esc(last) + '</small>' : ''}</td>
      <td class="num">${age(p.ageSeconds)}</td></tr>`;
  }).join('');
  $('#gone').innerHTML = gone.size ? 'gone: ' + [...gone.values()].map((g) =>
    `<span data-pod="${esc(g.pod.name)}" class="gone-pod">${esc(shortName(g.pod.name))} ${esc(g.pod.podIp ?? '')} (${Math.round((now - g.at) / 1000)} s ago)</span>`).join('') : '';
}

function renderEndpoints(c) {
  $('#service-name').textContent = c.service;
  $('#endpoints').innerHTML = c.endpoints.length ? c.endpoints.map((e) => {
    const cls = e.terminating ? 'terminating' : e.ready ? 'ready' : 'notready';
    const label = e.terminating ? 'terminating' : e.ready ? 'ready' : 'NOT READY';
    return `<span class="chip ${cls}" data-pod="${esc(e.pod ?? '')}" data-ip="${esc(e.ip)}" data-ready="${e.ready}" data-terminating="${e.terminating}">
      <span class="swatch" style="background:${colour(e.pod)}"></span><span class="mono">${esc(e.ip)}</span> ${esc(shortName(e.pod))} <b class="${e.ready ? 'ok' : 'err'}">${label}</b></span>`;
  }).join('') : '<span class="err">no endpoints: the Service has nowhere to send traffic</span>';
}

/** The Ready condition as kubectl names it, and what it means: False is the node's own word, Unknown its silence. */
const NODE_STATUS = {
  Ready: { cls: 'ready', text: '<b class="ok">Ready</b>' },
  NotReady: { cls: 'notready', text: '<b class="err">NotReady</b>', means: 'the node reports itself unhealthy' },
  Unknown: { cls: 'unknown', text: '<b class="warn">Unknown</b>', means: 'the node stopped reporting' },
};

function renderNodes(c) {
  const podsOn = (node) => c.pods.filter((p) => p.node === node).map((p) => `<span class="swatch" style="background:${colour(p.name)}" title="${esc(p.name)}"></span>`).join('');
  $('#nodes').innerHTML = c.nodes.items.map((n) => {
    // Without permission to list nodes, the server names the pods' nodes with status Unknown: not the node's silence.
    const st = c.nodes.readable ? NODE_STATUS[n.status] ?? NODE_STATUS.Unknown : { cls: 'unlisted', text: '<b class="dim">status not readable</b>' };
    const why = st.means ? `<small class="why">${esc(n.reason ?? '')}${n.reason ? ': ' : ''}${st.means}</small>` : '';
    const usage = n.usage ? `<small class="usage">CPU ${cpu(n.usage.cpuMillis)}${n.allocatable ? ' of ' + cpu(n.allocatable.cpuMillis) : ''}`
      + ` · memory ${memory(n.usage.memoryBytes)}${n.allocatable ? ' of ' + memory(n.allocatable.memoryBytes) : ''}</small>` : '';
    return `<span class="chip node ${st.cls}" data-node="${esc(n.name)}" data-status="${esc(n.status)}" data-reason="${esc(n.reason ?? '')}" data-cpu="${n.usage?.cpuMillis ?? ''}" data-memory="${n.usage?.memoryBytes ?? ''}">`
      + `${esc(n.name)}${n.controlPlane ? ' <span class="dim">(control plane)</span>' : ''} ${st.text} ${podsOn(n.name)}${why}${usage}</span>`;
  }).join('') + (c.nodes.readable ? '' : ` <span class="dim">${esc(c.nodes.reason ?? '')}</span>`);
}

/** Where CPU and memory are missing, why, in the server's words (e.g. no metrics API in this cluster). */
function renderMetricsNote(m) {
  const note = $('#metrics-note');
  const pods = m?.pods ? null : m?.podsReason ?? 'not read yet';
  const nodes = m?.nodes ? null : m?.nodesReason ?? 'not read yet';
  note.hidden = !pods && !nodes;
  note.dataset.pods = pods ?? '';
  note.dataset.nodes = nodes ?? '';
  note.textContent = pods && pods === nodes ? `CPU and memory: ${pods}`
    : [pods && `pods' CPU and memory: ${pods}`, nodes && `nodes' CPU and memory: ${nodes}`].filter(Boolean).join(' · ');
}

/** The server's clock now: its last answer's, moved on by the time since (no clock skew between the two). */
function serverNow() { return Date.parse(view.observedAt) + (Date.now() - viewAt); }

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
  const fold = $('#older-events');
  fold.hidden = older.length === 0;
  fold.dataset.count = older.length;
  fold.dataset.warnings = warnings;
  $('#older-summary').textContent = `show ${older.length} older event${older.length > 1 ? 's' : ''}`
    + (warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : '');
  $('#events-older').innerHTML = older.map(line).join('');
}

/** Polls /api/cluster every second; onView(view) after each poll (the last good answer, or null). */
export function startCluster(onView) {
  poll(onView);
  setInterval(() => poll(onView), POLL_MS);
}
