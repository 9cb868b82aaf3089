"""report.py's verdicts on crafted results, no Docker or cluster: a figure that could not be taken,
wholly or in part, is FAILED, never MET, and the run exits non-zero.
Run: python3 -m unittest discover -s hack/bench (make bench-selftest)."""
import json, os, subprocess, sys, tempfile, unittest

REPORT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "report.py")

# One complete run where every figure with a target is MET: the baseline each test breaks.
GOOD = {
    "start.app": [0.5, 0.6, 0.55], "start.podinfo": [0.1, 0.1, 0.1],
    "rss_idle.app": [80, 81, 82], "rss_idle.podinfo": [10, 11, 12],
    "rss_load.app": [100], "rss_load.podinfo": [50],
    "rps.app": [9000, 9100, 9200], "rps.podinfo": [10000, 10000, 10000],
    "p99.app": [3.0, 3.1, 3.2], "p99.podinfo": [2.5, 2.5, 2.5],
    "steady.app": [1.2, 1.3, 1.1], "steady.podinfo": [1.0, 1.0, 1.0],
    "first100.app": [2.0, 2.1, 2.2], "first100.podinfo": [1.1, 1.1, 1.1],
    "image.app": [140], "image.sidecar": [90],
    "kind_load": [5, 6, 7],
    "sidecar.rate": [200000, 210000, 220000], "sidecar.lost": [0, 0, 0], "sidecar.rss": [50, 51, 52],
    "deploy_warm": [20, 21], "deploy_rebuilt": [0, 0], "workshop_up": [7, 8],
    "meta.load": [0.5], "meta.load_end": [0.7],
}


def lines(samples, drop=()):
    return [f"{k}\t{v:g}\t" for k, vs in samples.items() if k not in drop for v in vs]


class ReportTest(unittest.TestCase):

    def run_report(self, rows):
        with tempfile.TemporaryDirectory() as d:
            tsv, out = os.path.join(d, "results.tsv"), os.path.join(d, "bench.json")
            with open(tsv, "w") as f:
                f.write("\n".join(rows + ["deploy_cold\tNA\tthe bench does not recreate the cluster"]) + "\n")
            p = subprocess.run([sys.executable, REPORT, tsv, out], capture_output=True, text=True)
            with open(out) as f:
                figures = {fig["figure"].strip(): fig for fig in json.load(f)["figures"]}
            self.output = p.stdout + p.stderr
            return p.returncode, figures

    def verdict(self, figures, name):
        return next(f["verdict"] for n, f in figures.items() if n.startswith(name))

    def test_a_complete_run_is_met_and_exits_0(self):
        code, figures = self.run_report(lines(GOOD))
        self.assertEqual(0, code, self.output)
        met = [n for n, f in figures.items() if f["target"]]
        self.assertTrue(met)
        for n in met:
            self.assertEqual("MET", figures[n]["verdict"], n)
        self.assertEqual("-", figures["make deploy cold"]["verdict"])

    def test_a_failed_step_is_failed_on_every_figure_it_owns(self):
        rows = lines(GOOD, drop=("rps.app", "rps.podinfo", "p99.app", "p99.podinfo", "rss_load.app", "rss_load.podinfo"))
        rows += [f"{k}\tFAILED\tthroughput and p99 failed" for k in ("rps.app", "rps.podinfo", "p99.app", "p99.podinfo",
                                                                    "rss_load.app", "rss_load.podinfo")]
        code, figures = self.run_report(rows)
        self.assertEqual(1, code)
        for name in ("RSS after load", "GET /api/info", "throughput, podlab / podinfo", "p99 latency under that load"):
            self.assertEqual("FAILED", self.verdict(figures, name), name)
        self.assertEqual("FAILED", figures["p99 under load, podlab / podinfo (paired runs)"]["verdict"])
        self.assertIn("throughput and p99 failed", figures["RSS after load (5 s warm-up + LOAD_RUNS x 10 s)"]["note"])

    def test_a_step_failing_part_way_is_failed_not_met(self):
        # Two good runs recorded, the third (slowest) failed: the good runs alone would be MET.
        rows = lines(GOOD) + ["start.app\tFAILED\tstart to ready failed", "start.podinfo\tFAILED\tstart to ready failed"]
        code, figures = self.run_report(rows)
        self.assertEqual(1, code)
        self.assertEqual("FAILED", figures["process start to readiness UP"]["verdict"])
        self.assertIn("FAILED", self.output)

    def test_an_empty_value_is_no_measurement(self):
        rows = lines(GOOD, drop=("rss_load.app",)) + ["rss_load.app\t\t"]
        code, figures = self.run_report(rows)
        self.assertEqual(1, code)
        self.assertEqual("FAILED", self.verdict(figures, "RSS after load"))

    def test_a_missing_p99_is_failed_not_a_met_ratio(self):
        # wrk printed no 99% line: p99 0.000 would give a MET ratio of 0.
        rows = lines(GOOD, drop=("p99.app",)) + ["p99.app\t0.000\t"] * 3
        code, figures = self.run_report(rows)
        self.assertEqual(1, code)
        self.assertEqual("FAILED", figures["p99 latency under that load"]["verdict"])
        self.assertEqual("FAILED", figures["p99 under load, podlab / podinfo (paired runs)"]["verdict"])

    def test_a_zero_count_is_a_measurement(self):
        code, figures = self.run_report(lines(GOOD))
        self.assertEqual("MET", self.verdict(figures, "sidecar lines lost"))
        self.assertEqual("MET", self.verdict(figures, "images rebuilt"))

    def test_no_cluster_fails_the_cluster_figures_and_exits_1(self):
        cluster = ("kind_load", "deploy_warm", "deploy_rebuilt", "workshop_up")
        rows = lines(GOOD, drop=cluster) + [f"{k}\tFAILED\tno cluster podlab" for k in cluster]
        code, figures = self.run_report(rows)
        self.assertEqual(1, code)
        for name in ("kind load", "make deploy warm", "images rebuilt", "make workshop-up"):
            self.assertEqual("FAILED", self.verdict(figures, name), name)
        self.assertEqual("MET", figures["process start to readiness UP"]["verdict"], "the other figures still print")
        self.assertIn("| make deploy cold", self.output, "the whole table is printed before the exit")

    def test_a_figure_never_recorded_is_failed(self):
        code, figures = self.run_report(lines(GOOD, drop=("first100.app",)))
        self.assertEqual(1, code)
        self.assertEqual("FAILED", self.verdict(figures, "first 100 / steady p99"))


if __name__ == "__main__":
    unittest.main()
