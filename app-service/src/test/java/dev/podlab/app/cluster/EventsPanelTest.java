package dev.podlab.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.podlab.testsupport.BrowserSession;
import dev.podlab.testsupport.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The dashboard's events panel in headless Chromium, fed fixed events through {@link FixedClusterWatcher}:
 * what a room reads is recent, aged in words, probe failures explained, older ones folded away.
 * The panel re-renders every second, so each read takes the whole list in one script call.
 */
@QuarkusTest
@TestProfile(FixedClusterWatcher.Profile.class)
class EventsPanelTest {

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession();

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    /** Each line of a list: reason, text (spaces as shown), title (the kubelet's own words) and whether it is displayed. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> lines(String list) {
        return (List<Map<String, Object>>) chromium.browser().executeScript("return [...document.querySelectorAll(arguments[0] + ' li[data-reason]')]"
                + ".map(li => ({reason: li.dataset.reason, text: li.textContent.replace(/\\s+/g, ' ').trim(), title: li.title, shown: li.checkVisibility()}))", list);
    }

    private List<Map<String, Object>> open() {
        chromium.browser().get(dashboard.toString());
        return Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> lines("#events").isEmpty() ? null : lines("#events"));
    }

    @Test
    void recentEventsShowWithReadableAgesAndProbeFailuresInPlainWords() {
        List<Map<String, Object>> events = open();

        assertThat(events).extracting(e -> e.get("reason")).containsExactly("Started", "Unhealthy", "Unhealthy");
        assertThat(events.get(1).get("text")).isEqualTo("1 min ago Unhealthy 7d9c8b6f5-x2kqp: liveness probe failed: "
                + "no answer in time (timeout): the app hangs or is overloaded ×3");
        assertThat(events.get(2).get("text")).isEqualTo("2 min ago Unhealthy 7d9c8b6f5-x2kqp: readiness probe failed: "
                + "the app said it is not ready (HTTP 503) ×3");
        assertThat(events.get(2).get("title")).isEqualTo("Readiness probe failed: HTTP probe failed with statuscode: 503");
        assertThat(chromium.browser().findElement(By.id("events")).getText()).doesNotContainPattern("\\d{3,} ?s ago");
        Chromium.screenshot(chromium.browser(), "events-01-recent");
    }

    @Test
    void agesMoveBetweenAnswers() {
        String before = (String) open().getFirst().get("text");
        assertThat(before).matches("\\d+ s ago Started .*");

        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> !lines("#events").getFirst().get("text").equals(before));
    }

    @Test
    void olderEventsFoldAwayBehindACountAndShowOnDemand() {
        open();
        var older = chromium.browser().findElement(By.id("older-events"));

        assertThat(older.isDisplayed()).isTrue();
        assertThat(older.getAttribute("data-count")).isEqualTo("3");
        assertThat(older.getAttribute("data-warnings")).isEqualTo("2");
        assertThat(chromium.browser().findElement(By.id("older-summary")).getText()).isEqualTo("show 3 older events (2 warnings)");
        assertThat(lines("#events-older")).hasSize(3).allSatisfy(e -> assertThat(e.get("shown")).isEqualTo(false));

        chromium.browser().findElement(By.id("older-summary")).click();

        List<Map<String, Object>> shown = Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(5))
                .until(d -> lines("#events-older").stream().allMatch(e -> e.get("shown").equals(true)) ? lines("#events-older") : null);
        assertThat(shown).extracting(e -> e.get("reason")).containsExactly("BackOff", "Pulled", "FailedMount");
        assertThat((String) shown.getFirst().get("text")).startsWith("8 min ago BackOff");
        assertThat(chromium.browser().findElement(By.id("cluster")).getText()).doesNotContain("FailedScheduling");
        Chromium.screenshot(chromium.browser(), "events-02-older-shown");
    }
}
