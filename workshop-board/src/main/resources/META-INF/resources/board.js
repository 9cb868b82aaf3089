'use strict';
// The instructor board: GET api/board every 2 s, drawn as an attendee x lab grid with each
// attendee's pods. Read only: nothing here changes the cluster.
const POLL_MS = 2000;
const MAX_PODS = 5; // chips per attendee; the rest are counted in a "+N" chip
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
let lastOk = null;

function age(seconds) {
  if (seconds == null) return '';
  if (seconds < 60) return `${seconds}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 24 ? `${h}h${String(m % 60).padStart(2, '0')}` : `${Math.floor(h / 24)}d`;
}

// web-7d9c8b6f5-x2kqp (a Deployment's pod) -> web; long names end in an ellipsis (the title has all).
function shortName(name) {
  const base = name.replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, '');
  return base.length > 12 ? `${base.slice(0, 11)}…` : base;
}

function podState(p) {
  if (p.reason === 'Terminating' || p.phase === 'Succeeded') return 'gone';
  if (p.phase === 'Failed' || (p.reason && !['ContainerCreating', 'PodInitializing'].includes(p.reason))) return 'bad';
  return p.ready ? 'ok' : 'wait';
}

// Trouble first: what does not fit is counted in the "+N" chip, and it should be the healthy ones.
const SEVERITY = {bad: 0, wait: 1, ok: 2, gone: 3};

function pods(all) {
  const list = [...all].sort((a, b) => SEVERITY[podState(a)] - SEVERITY[podState(b)]);
  const chip = (p) => `<span class="pod ${podState(p)}" data-pod="${esc(p.name)}" data-phase="${esc(p.phase)}" data-ready="${p.ready}"`
    + ` data-restarts="${p.restarts}" title="${esc(`${p.name}: ${p.reason || p.phase}, ${p.ready ? 'ready' : 'not ready'}, ${p.restarts} restarts`)}">`
    + `${esc(shortName(p.name))} ${p.ready ? '✓' : '✗'}${p.restarts ? ` ↻${p.restarts}` : ''}</span>`;
  const rest = list.slice(MAX_PODS);
  return list.slice(0, MAX_PODS).map(chip).join('')
    + (rest.length ? `<span class="pod over" title="${esc(rest.map((p) => p.name).join(' '))}">+${rest.length}</span>` : '');
}

function labCell(n, r, attendee) {
  const current = attendee.current === n ? ' current' : '';
  if (!r) return `<td class="lab none${current}" data-lab="${n}">–</td>`;
  if (r.problem) return `<td class="lab bad${current}" data-lab="${n}" title="${esc(r.problem)}">?</td>`;
  const state = r.passed === r.total ? 'done' : 'partial';
  return `<td class="lab ${state}${current}" data-lab="${n}" data-passed="${r.passed}" data-total="${r.total}"`
    + ` title="since ${esc(r.since)}">${r.passed}/${r.total}<small>${age(r.ageSeconds)}</small></td>`;
}

function render(board) {
  const labs = Array.from({length: board.labs}, (_, i) => i + 1);
  $('grid').tHead.innerHTML = `<tr><th>attendee</th>${labs.map((n) => `<th class="lab">L${n}</th>`).join('')}<th>pods</th></tr>`;
  $('grid').tBodies[0].innerHTML = board.attendees.map((a) => `<tr data-attendee="${esc(a.name)}"${a.stuck ? ' class="stuck"' : ''}>`
    + `<td class="name" title="${esc(a.namespace)}">${esc(a.name)}${a.stuck ? ' ⚠' : ''}</td>`
    + labs.map((n) => labCell(n, a.labs[n], a)).join('')
    + `<td class="pods">${pods(a.pods)}</td></tr>`).join('');
  $('empty').hidden = board.attendees.length > 0;
  const stuck = board.attendees.filter((a) => a.stuck);
  $('summary').textContent = `${board.attendees.length} attendees · stuck: over ${age(board.stuckAfterSeconds)} on one lab`;
  $('stuck').textContent = stuck.length === 0 ? '' : `stuck: ${stuck.slice(0, 4)
    .map((a) => `${a.name} L${a.current} ${age(a.labs[a.current].ageSeconds)}`).join(', ')}${stuck.length > 4 ? ` +${stuck.length - 4}` : ''}`;
  fit();
}

// The largest type with which the whole grid fits the window, neither taller nor wider.
function fit() {
  const grid = $('grid');
  for (let px = 24; px >= 9; px--) {
    grid.style.fontSize = `${px}px`;
    const box = grid.getBoundingClientRect();
    if (box.bottom <= window.innerHeight && grid.scrollWidth <= grid.parentElement.clientWidth) return;
  }
}

async function poll() {
  try {
    const answer = await fetch('api/board', {cache: 'no-store'});
    const body = await answer.json();
    if (!answer.ok) throw new Error(body.error || `HTTP ${answer.status}`);
    render(body);
    lastOk = new Date();
    $('updated').className = 'meta';
    $('updated').textContent = `live · ${lastOk.toLocaleTimeString()}`;
  } catch (e) {
    $('updated').className = 'meta stale';
    $('updated').textContent = `${lastOk ? `stale since ${lastOk.toLocaleTimeString()}` : 'no data'}: ${e.message}`;
  } finally {
    setTimeout(poll, POLL_MS);
  }
}
window.addEventListener('resize', fit);
poll();
