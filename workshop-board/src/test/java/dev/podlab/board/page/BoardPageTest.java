package dev.podlab.board.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlab.board.watch.ClassWatcher;
import dev.podlab.board.watch.FixedClassWatcher;
import dev.podlab.testsupport.BrowserSession;
import dev.podlab.testsupport.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The board in headless Chromium at a projector's 1280x720, over a class of 30 whose names, results
 * and pods are the widest the page can get ({@link FixedClassWatcher}).
 */
@QuarkusTest
@TestProfile(FixedClassWatcher.Profile.class)
class BoardPageTest {

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession();

    @TestHTTPResource("/")
    URL board;

    @Inject
    ClassWatcher watcher;

    @BeforeEach
    void open() {
        chromium.browser().get(board.toString());
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> rows().size() == 30);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows() {
        return (List<Map<String, Object>>) chromium.browser().executeScript("return [...document.querySelectorAll('#grid tbody tr')]"
                + ".map(r => ({...r.dataset, cls: r.className, text: r.innerText.replace(/\\s+/g, ' ').trim(),"
                + " bg: getComputedStyle(r.cells[0]).backgroundColor}))");
    }

    private static String cell(String attendee, int lab) {
        return (String) chromium.browser().executeScript("const c = document.querySelector("
                + "`#grid tr[data-attendee='${arguments[0]}'] td[data-lab='${arguments[1]}']`); return c ? c.className + ' ' + c.innerText : null",
                attendee, lab);
    }

    @Test
    @SuppressWarnings("unchecked")
    void thirtyAttendeesFitNothingCut() {
        Map<String, Object> page = (Map<String, Object>) chromium.browser().executeScript("""
                const cut = [...document.querySelectorAll('th, td, .pod, header > *')]
                    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > innerWidth
                        || e.getBoundingClientRect().bottom > innerHeight)
                    .map(e => e.tagName + ': ' + e.textContent.trim());
                return {innerWidth, innerHeight, pageWidth: document.documentElement.scrollWidth,
                    pageHeight: document.documentElement.scrollHeight, cut,
                    font: parseFloat(getComputedStyle(document.getElementById('grid')).fontSize),
                    chips: document.querySelectorAll('#grid tbody tr:first-child .pod').length};
                """);
        Chromium.screenshot(chromium.browser(), "board-01-thirty-1280x720");

        assertThat(page.get("innerWidth")).isEqualTo(1280L);
        assertThat(page.get("innerHeight")).isEqualTo(720L);
        assertThat((Long) page.get("pageWidth")).as("no sideways scrolling").isLessThanOrEqualTo(1280L);
        assertThat((Long) page.get("pageHeight")).as("no scrolling down").isLessThanOrEqualTo(720L);
        assertThat((List<?>) page.get("cut")).as("elements cut or off screen").isEmpty();
        assertThat(((Number) page.get("font")).doubleValue()).as("grid type size, px").isGreaterThanOrEqualTo(12);
        assertThat(page.get("chips")).as("five pods and a +2").isEqualTo(6L);
    }

    @Test
    void theStuckAttendeeStandsOut() {
        var stuck = rows().stream().filter(r -> r.get("attendee").equals(FixedClassWatcher.STUCK)).findFirst().orElseThrow();
        var other = rows().getFirst();
        assertThat(stuck.get("cls")).isEqualTo("stuck");
        assertThat(rows()).filteredOn(r -> "stuck".equals(r.get("cls"))).hasSize(1);
        assertThat(stuck.get("bg")).isNotEqualTo(other.get("bg"));
        assertThat(cell(FixedClassWatcher.STUCK, 3)).isEqualTo("lab partial current 2/1020m");
        String header = chromium.browser().findElement(org.openqa.selenium.By.id("stuck")).getText();
        assertThat(header).isEqualTo("stuck: " + FixedClassWatcher.STUCK + " L3 20m");
    }

    @Test
    void aChangedResultShowsWithinFiveSeconds() {
        String who = FixedClassWatcher.NAMES.get(3);
        assertThat(cell(who, 9)).startsWith("lab partial current 3/10");
        long start = System.nanoTime();
        ((FixedClassWatcher) watcher).put(who, 9, 10, 10, Instant.now());
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(5)).until(d -> cell(who, 9).startsWith("lab done current 10/10"));
        System.out.printf("BOARD-PAGE a changed result showed after %.1f s%n", (System.nanoTime() - start) / 1e9);
        ((FixedClassWatcher) watcher).put(who, 9, 3, 10, Instant.now().minusSeconds(60));
    }
}
