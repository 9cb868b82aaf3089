// podlab live dashboard: plain JavaScript modules, no build step, no request leaves this origin.
// This file wires them: traffic.js (the page's own requests), cluster.js (GET /api/cluster),
// chaos.js (the chaos panel), shared.js (formats, pod colours and names).
//
// Test contract: DashboardTest, EventsPanelTest, ClusterPanelTest here and DashboardIT (through
// e2e's DashboardPage) read the page through these only; change them together.
// - traffic: rows `#traffic-table tbody tr[data-pod]` with data-answers, data-recent, data-errors,
//   data-ready; `#error-windows .window`; `#rate`, `#rate-value`, `#pause` (text Pause/Resume);
//   ?rate=N in the URL; window.podlabSamples() returns copies of the raw samples of the last minute.
// - cluster: `#cluster-unavailable` (data-reason; the text says "Not running in Kubernetes" for the
//   server's reason "not running in Kubernetes") or `#cluster-body`;
//   `#pods tbody tr[data-pod]` with data-node, data-ip, data-status, data-ready, data-restarts,
//   data-cpu (millicores) and data-memory (bytes), both empty while the metrics API has none;
//   `#endpoints .chip` with data-pod, data-ip, data-ready, data-terminating;
//   `#nodes .chip` with data-node, data-status (Ready, NotReady or Unknown), data-reason,
//   data-cpu, data-memory; classes ready / notready / unknown / unlisted (nodes not readable);
//   `#metrics-note` shown when CPU and memory are missing, data-pods / data-nodes the reasons.
// - events: `#events li[data-reason][data-type][data-time]` (the recent ones), `#older-events`
//   (data-count, data-warnings) folded under `#older-summary`, its lines in `#events-older li`.
// - chaos: `#chaos` is shown only when the server says chaos is enabled; `#target` picks the pod;
//   buttons `#chaos button[data-action="<ChaosAction path>"]`; a level's field `#chaos-<path>` (e.g.
//   `#chaos-latency`, `#chaos-errors`); flags and levels come from GET /api/chaos, and `#chaos` shows once they are built;
//   the token input `[data-role="chaos-token"]` (shown when a token is required, kept in
//   sessionStorage, sent as X-Chaos-Token); the answer lands in `#chaos-result` (data-status) and
//   `#chaos-state` (data-pod, and data-<state key> for each switch, e.g. data-readiness-failed).
// - layout: at 1280x720 no table is wider than its panel and `#chaos` is on screen.
import { $, clock } from './shared.js';
import { answeredPods, copySamples, lastAnswered, startTraffic } from './traffic.js';
import { latestView, startCluster } from './cluster.js';
import { renderChaos, startChaos } from './chaos.js';

const readyPods = () => latestView()?.pods?.filter((p) => p.ready).length ?? 0;
const podNames = () => (latestView()?.available ? latestView().pods.filter((p) => !p.deleting).map((p) => p.name) : answeredPods());

startTraffic(readyPods);
startChaos(lastAnswered, podNames);
startCluster((view) => renderChaos(view?.chaos));
setInterval(() => { $('#clock').textContent = clock(Date.now()); }, 1000);
$('#clock').textContent = clock(Date.now());

// For tests and the curious.
window.podlabSamples = copySamples;
