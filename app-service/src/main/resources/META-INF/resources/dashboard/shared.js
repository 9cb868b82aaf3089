// What the dashboard's modules share: DOM lookup, escaping, time and amount formats, and one
// colour and one short name per pod (the same pod looks the same in every panel).

export const REQUEST_TIMEOUT_MS = 2_000; // a request slower than this counts as an error
const PALETTE = ['#6cc4ff', '#ffd54f', '#a5e06b', '#d59cff', '#ffab5e', '#4ee0d0', '#f7f7f7', '#9fb3ff', '#e6c27a', '#7fe3a1'];
const colours = new Map();
let service = 'app-service'; // the cluster view names it; this is the manifest's name until then

export const $ = (sel) => document.querySelector(sel);

export function esc(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function clock(t) { return new Date(t).toLocaleTimeString([], { hour12: false }); }

export function age(seconds) {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h${String(Math.floor(seconds % 3600 / 60)).padStart(2, '0')}m`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** Millicores as kubectl writes them: 250m below a core, 1.5 above. */
export function cpu(millis) {
  if (millis == null) return '-';
  return millis < 1000 ? `${millis}m` : `${+(millis / 1000).toFixed(millis < 10_000 ? 2 : 1)}`;
}

/** Bytes in Mi, or Gi from 1 Gi on. */
export function memory(bytes) {
  if (bytes == null) return '-';
  const mi = bytes / 1024 / 1024;
  return mi < 1024 ? `${Math.round(mi)}Mi` : `${+(mi / 1024).toFixed(1)}Gi`;
}

export function colour(pod) {
  if (!pod) return '#888';
  if (!colours.has(pod)) colours.set(pod, PALETTE[colours.size % PALETTE.length]);
  return colours.get(pod);
}

export function setService(name) { service = name || service; }

/** app-service-7d9c8b6f5-x2kqp -> 7d9c8b6f5-x2kqp: the part that tells pods apart. */
export function shortName(pod) {
  return pod && pod.startsWith(service + '-') ? pod.slice(service.length + 1) : (pod ?? '');
}

export function podCell(pod) {
  return `<span class="swatch" style="background:${colour(pod)}"></span><span title="${esc(pod)}">${esc(shortName(pod))}</span>`;
}
