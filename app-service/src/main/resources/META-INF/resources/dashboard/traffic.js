// Traffic through the Service: the page's own requests to /api/info, who answered, how fast, which failed.
import { $, REQUEST_TIMEOUT_MS, clock, colour, esc, podCell, shortName } from './shared.js';

const WINDOW_MS = 60_000; // statistics and chart: the last minute
const MAX_IN_FLIGHT = 8;  // bounded: a hung Service never piles up requests
const ERROR_COLOUR = '#ff4d4d';

let rate = 4;
let paused = false;
let inFlight = 0;
let timer = null;
let samples = [];        // {t, ms, ok, status, pod, ready, live, error}
let errorWindows = [];   // {from, to, count, reasons:Set}
let lastPod = null;
const lastReply = new Map();

/** The pod that answered last (the chaos panel's default target). */
export function lastAnswered() { return lastPod; }

/** Pods that answered in the last minute, for a chaos target list without a cluster view. */
export function answeredPods() { return [...new Set(samples.filter((s) => s.ok).map((s) => s.pod))]; }

/** Copies of the raw samples of the last minute. */
export function copySamples() { return samples.map((s) => ({ ...s })); }

async function sendOne() {
  if (inFlight >= MAX_IN_FLIGHT) return;
  inFlight++;
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
      lastPod = sample.pod;
      lastReply.set(sample.pod, { ready: body.ready, live: body.live, t });
    } else {
      sample.error = `HTTP ${res.status}${body.error ? ': ' + body.error : ''}`;
    }
  } catch (e) {
    sample.error = e.name === 'TimeoutError' || e.name === 'AbortError' ? `no answer in ${REQUEST_TIMEOUT_MS} ms` : 'connection failed';
  } finally {
    inFlight--;
  }
  sample.ms = Date.now() - t;
  samples.push(sample);
  if (!sample.ok) noteError(sample);
}

/** Errors less than 2 s apart belong to the same window. */
function noteError(s) {
  const last = errorWindows[errorWindows.length - 1];
  const end = s.t + s.ms;
  const reason = (s.pod ? shortName(s.pod) + ': ' : '') + s.error;
  if (last && s.t - last.to < 2000) {
    last.to = Math.max(last.to, end); last.count++; last.reasons.add(reason);
  } else {
    errorWindows.push({ from: s.t, to: end, count: 1, reasons: new Set([reason]) });
    if (errorWindows.length > 6) errorWindows.shift();
  }
}

function schedule() {
  clearInterval(timer);
  if (!paused) timer = setInterval(sendOne, Math.round(1000 / rate));
}

function stats(now) {
  const from = now - WINDOW_MS;
  while (samples.length && samples[0].t < from - 5000) samples.shift();
  const recent = samples.filter((s) => s.t >= from);
  const byPod = new Map();
  for (const s of recent) {
    const key = s.pod || '';
    if (!byPod.has(key)) byPod.set(key, { pod: s.pod, answers: 0, errors: 0, latencies: [] });
    const p = byPod.get(key);
    if (s.ok) { p.answers++; p.latencies.push(s.ms); } else { p.errors++; }
  }
  const answers = recent.filter((s) => s.ok).length;
  return { recent, byPod, answers, errors: recent.length - answers };
}

function percentile(sorted, p) { return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] : 0; }

function row(p, answers, recent, now) {
  const sorted = p.latencies.slice().sort((a, b) => a - b);
  const avg = sorted.length ? Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length) : 0;
  const reply = p.pod ? lastReply.get(p.pod) : null;
  const says = !reply ? '<span class="dim">-</span>'
    : `${reply.ready ? '<span class="ok">ready</span>' : '<span class="err">NOT READY</span>'}${reply.live ? '' : ' <span class="err">NOT LIVE</span>'}`;
  const recentAnswers = recent.filter((s) => s.ok && s.pod === p.pod && s.t >= now - 5000).length;
  return `<tr data-pod="${esc(p.pod ?? '')}" data-answers="${p.answers}" data-recent="${recentAnswers}" data-errors="${p.errors}" data-ready="${reply ? reply.ready : ''}">
    <td class="pod">${p.pod ? podCell(p.pod) : '<span class="err">no answer</span>'}</td>
    <td class="num">${answers ? Math.round(100 * p.answers / answers) : 0}%</td>
    <td class="num">${p.answers}</td><td class="num">${avg}</td><td class="num">${percentile(sorted, 0.95)}</td>
    <td class="num ${p.errors ? 'err' : ''}">${p.errors}</td><td>${says}</td></tr>`;
}

function render(readyPods) {
  const now = Date.now();
  const { recent, byPod, answers, errors } = stats(now);
  $('#traffic-summary').textContent = `· ${answers} answers, ${errors} errors /min` + (paused ? ' · PAUSED' : '');
  const rows = [...byPod.values()].sort((a, b) => (a.pod === null) - (b.pod === null) || String(a.pod).localeCompare(String(b.pod)));
  $('#traffic-table tbody').innerHTML = rows.map((p) => row(p, answers, recent, now)).join('');
  $('#error-windows').innerHTML = errorWindows.filter((w) => w.to > now - 5 * WINDOW_MS).slice().reverse().map((w) =>
    `<div class="window">✖ ${clock(w.from)}–${clock(w.to)} (${((w.to - w.from) / 1000).toFixed(1)} s): ${w.count} error${w.count > 1 ? 's' : ''} · ${esc([...w.reasons].slice(0, 3).join('; '))}</div>`).join('');
  // A port-forward goes to one pod: say so when the cluster has more pods ready than ever answer.
  const answering = new Set(recent.filter((s) => s.ok && s.t > now - 20_000).map((s) => s.pod));
  $('#hint').hidden = !(answering.size === 1 && readyPods() > 1 && recent.length > 30);
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
  const max = Math.max(rate, ...buckets.map((b) => b.n + b.errors), 1);
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
    for (const pod of [...b.pods.keys()].sort()) {
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
  $('#latency-scale').textContent = `top: ${Math.round(maxLat)} ms · ${max}/s`;
}

/** Wires the controls and starts sending; readyPods() is how many pods the cluster view counts ready. */
export function startTraffic(readyPods) {
  const slider = $('#rate');
  const fromUrl = Number(new URLSearchParams(location.search).get('rate'));
  if (fromUrl >= 1 && fromUrl <= 20) slider.value = fromUrl;
  const applyRate = () => { rate = Number(slider.value); $('#rate-value').textContent = slider.value; schedule(); };
  slider.addEventListener('input', applyRate);
  $('#pause').addEventListener('click', () => { paused = !paused; $('#pause').textContent = paused ? 'Resume' : 'Pause'; schedule(); });
  $('#clear').addEventListener('click', () => { samples = []; errorWindows = []; lastReply.clear(); render(readyPods); });
  applyRate();
  setInterval(() => render(readyPods), 500);
}
