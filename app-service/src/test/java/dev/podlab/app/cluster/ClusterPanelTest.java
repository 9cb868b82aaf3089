package dev.podlab.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.podlab.app.cluster.ClusterView.MetricsView;
import dev.podlab.testsupport.BrowserSession;
import dev.podlab.testsupport.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The dashboard's cluster panel in headless Chromium at a projector's 1280x720, fed by
 * {@link FixedClusterWatcher}: three replicas on a Ready, a NotReady and an Unknown node, CPU and
 * memory from the metrics API next to requests and limits, and all of it on screen, nothing cut.
 */
@QuarkusTest
@TestProfile(FixedClusterWatcher.Profile.class)
class ClusterPanelTest {

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession();

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @Inject
    ClusterWatcher watcher;

    private MetricsReader.Usage fixedUsage;

    @BeforeEach
    void open() {
        fixedUsage = fixed().usage;
        chromium.browser().get(dashboard.toString());
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> all("#pods tbody tr").size() == 3
                && all("#nodes .chip").size() == 3);
    }

    @AfterEach
    void restoreMetrics() {
        fixed().usage = fixedUsage;
    }

    private FixedClusterWatcher fixed() {
        return (FixedClusterWatcher) watcher;
    }

    /** Each element's data-* attributes, its class, its text as rendered (spaces collapsed) and its border, read in one go. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> all(String css) {
        return (List<Map<String, Object>>) chromium.browser().executeScript("return [...document.querySelectorAll(arguments[0])]"
                + ".map(e => ({...e.dataset, cls: e.className, text: e.innerText.replace(/\\s+/g, ' ').trim(),"
                + " border: getComputedStyle(e).borderStyle + ' ' + getComputedStyle(e).borderColor}))", css);
    }

    private static Map<String, Object> one(String css, String key, String value) {
        return all(css).stream().filter(e -> value.equals(e.get(key))).findFirst().orElseThrow();
    }

    @Test
    void readyNotReadyAndUnknownNodesLookDifferentAndSayWhy() {
        var ready = one("#nodes .chip", "node", "podlab-control-plane");
        var notReady = one("#nodes .chip", "node", "podlab-worker");
        var unknown = one("#nodes .chip", "node", "podlab-worker2");

        assertThat(ready.get("status")).isEqualTo("Ready");
        assertThat((String) ready.get("text")).contains("Ready").doesNotContain("NotReady", "Unknown");
        assertThat(notReady.get("status")).isEqualTo("NotReady");
        assertThat((String) notReady.get("text")).contains("NotReady", "KubeletNotReady: the node reports itself unhealthy");
        assertThat(unknown.get("status")).isEqualTo("Unknown");
        assertThat((String) unknown.get("text")).contains("Unknown", "NodeStatusUnknown: the node stopped reporting");
        assertThat(List.of(ready.get("cls"), notReady.get("cls"), unknown.get("cls")))
                .containsExactly("chip node ready", "chip node notready", "chip node unknown");
        assertThat(List.of(ready.get("border"), notReady.get("border"), unknown.get("border"))).doesNotHaveDuplicates();
        Chromium.screenshot(chromium.browser(), "cluster-01-node-states");
    }

    @Test
    void cpuAndMemoryOfPodsAndNodesNextToRequestsLimitsAndAllocatable() {
        var pod = one("#pods tbody tr", "pod", FixedClusterWatcher.POD);
        var lost = one("#pods tbody tr", "node", "podlab-worker2");
        var node = one("#nodes .chip", "node", "podlab-control-plane");

        assertThat(pod.get("cpu")).isEqualTo("8");
        assertThat(pod.get("memory")).isEqualTo(String.valueOf(203L * 1024 * 1024));
        assertThat((String) pod.get("text")).contains("8m 150m / 1.5", "203Mi 288Mi / 576Mi");
        assertThat(lost.get("cpu")).as("no metrics for the pod on the silent node").isEqualTo("");
        assertThat((String) lost.get("text")).contains("- 150m / 1.5", "- 288Mi / 576Mi");
        assertThat(node.get("cpu")).isEqualTo("176");
        assertThat((String) node.get("text")).contains("CPU 176m of 2 · memory 585Mi of 7.7Gi");
        assertThat(all("#metrics-note").getFirst().get("cls")).isEqualTo("note");
        assertThat(chromium.browser().findElement(By.id("metrics-note")).isDisplayed()).isFalse();
    }

    @Test
    void withoutAMetricsApiThePageSaysSoPlainly() {
        String none = "no metrics API (metrics-server) in this cluster";
        fixed().usage = new MetricsReader.Usage(new MetricsView(false, none, false, none), Map.of(), Map.of());

        var note = Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(5))
                .until(d -> d.findElement(By.id("metrics-note")).isDisplayed()
                        ? d.findElement(By.id("metrics-note")) : null);

        assertThat(note.getText()).isEqualTo("CPU and memory: " + none);
        assertThat(note.getAttribute("data-pods")).isEqualTo(none);
        assertThat(chromium.browser().findElement(By.id("cluster-body")).isDisplayed()).isTrue();
        assertThat(all("#pods tbody tr")).hasSize(3).allSatisfy(p -> assertThat(p.get("cpu")).isEqualTo(""));
        Chromium.screenshot(chromium.browser(), "cluster-02-no-metrics-api");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everythingFitsAProjectorScreen() {
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> !all("#traffic-table tbody tr").isEmpty()
                && (Boolean) chromium.browser().executeScript("return getComputedStyle(document.getElementById('chaos')).display !== 'none'"));
        Map<String, Object> page = (Map<String, Object>) chromium.browser().executeScript("""
                const box = (e) => e.getBoundingClientRect();
                const inner = (e) => box(e).right - parseFloat(getComputedStyle(e).paddingRight);
                const tables = [...document.querySelectorAll('table')].map(t => ({id: t.id, width: t.scrollWidth,
                    panel: t.closest('section').clientWidth, right: box(t).right, panelRight: inner(t.closest('section'))}));
                const cut = [...document.querySelectorAll('th, td')].filter(c => c.scrollWidth > c.clientWidth)
                    .map(c => c.closest('table').id + ': ' + c.textContent.trim());
                const lastColumns = [...document.querySelectorAll('#pods th, #pods td')].filter(c => c.cellIndex >= c.parentElement.cells.length - 2)
                    .map(c => box(c).right <= inner(document.getElementById('cluster')));
                return {innerWidth, innerHeight, pageWidth: document.documentElement.scrollWidth, tables, cut, lastColumns,
                    chaosBottom: box(document.getElementById('chaos')).bottom};
                """);
        Chromium.screenshot(chromium.browser(), "cluster-03-1280x720");

        assertThat(page.get("innerWidth")).isEqualTo(1280L);
        assertThat(page.get("innerHeight")).isEqualTo(720L);
        assertThat((Long) page.get("pageWidth")).as("no sideways scrolling").isLessThanOrEqualTo(1280L);
        var tables = (List<Map<String, Object>>) page.get("tables");
        assertThat(tables).extracting(t -> t.get("id")).containsExactlyInAnyOrder("traffic-table", "pods");
        assertThat(tables).allSatisfy(t -> {
            assertThat(((Number) t.get("width")).doubleValue()).as(t.get("id") + " width within its panel")
                    .isLessThanOrEqualTo(((Number) t.get("panel")).doubleValue());
            assertThat(((Number) t.get("right")).doubleValue()).as(t.get("id") + " inside its panel's padding")
                    .isLessThanOrEqualTo(((Number) t.get("panelRight")).doubleValue());
        });
        assertThat((List<?>) page.get("cut")).as("cells whose text is cut off").isEmpty();
        assertThat((List<Object>) page.get("lastColumns")).as("restarts and age cells inside the panel").hasSize(8).containsOnly(true);
        assertThat(((Number) page.get("chaosBottom")).doubleValue()).as("chaos panel on screen").isLessThanOrEqualTo(720);
    }

    /**
     * The widest rows the page can get: a 63-character pod name (the longest a hostname may be), the
     * largest counts at 20 requests/s and latencies at the 2 s timeout. Added to each table's head,
     * which the page never redraws; the live rows keep coming below.
     */
    @Test
    @SuppressWarnings("unchecked")
    void tablesStayInsideTheirPanelsWithTheLongestNamesAndNumbers() {
        String pod = "app-service-" + "x".repeat(35) + "-7d9f8c6b5-x2x4z";
        assertThat(pod).hasSize(63);
        List<Map<String, Object>> tables = (List<Map<String, Object>>) chromium.browser().executeScript("""
                const cell = (cls, text) => `<td class="${cls}">${text}</td>`;
                const pod = `<span class="swatch"></span><span>${arguments[0]}</span>`;
                document.querySelector('#traffic-table thead').insertAdjacentHTML('beforeend', '<tr>' + cell('pod', pod)
                    + ['100%', '1200', '2000', '2000', '1200'].map(n => cell('num', n)).join('') + cell('', 'NOT READY NOT LIVE') + '</tr>');
                document.querySelector('#pods thead').insertAdjacentHTML('beforeend', '<tr>' + cell('pod', pod + '<small>podlab-worker2 · 10.244.222.222</small>')
                    + cell('', 'CrashLoopBackOff NOT READY<small>app ✗ sidecar ✓</small>') + cell('num', '1999m<small>1500m / 2000m</small>')
                    + cell('num', '1023Mi<small>1024Mi / 1024Mi</small>') + cell('num', '999') + cell('num', '23h59m') + '</tr>');
                const right = (e) => e.getBoundingClientRect().right;
                return [...document.querySelectorAll('table')].map(t => { const s = t.closest('section');
                    return {id: t.id, right: right(t), panelRight: right(s) - parseFloat(getComputedStyle(s).paddingRight)}; });
                """, pod);
        Chromium.screenshot(chromium.browser(), "cluster-04-longest-rows");

        assertThat(tables).extracting(t -> t.get("id")).containsExactlyInAnyOrder("traffic-table", "pods");
        assertThat(tables).allSatisfy(t -> assertThat(((Number) t.get("right")).doubleValue()).as(t.get("id") + " inside its panel")
                .isLessThanOrEqualTo(((Number) t.get("panelRight")).doubleValue()));
    }
}
