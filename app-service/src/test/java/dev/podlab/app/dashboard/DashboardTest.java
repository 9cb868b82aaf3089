package dev.podlab.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;

import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.podlab.app.chaos.ChaosSwitch;
import dev.podlab.testsupport.BrowserSession;
import dev.podlab.testsupport.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real (headless) Chromium against the running app, no cluster: it loads
 * from the app alone, counts answers, switches chaos and says plainly there is no cluster.
 * Screenshots land in target/screenshots/.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardTest {

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession();

    @TestHTTPResource("/")
    URL root;

    @AfterEach
    void resetChaos() {
        given().contentType("application/json").post("/admin/reset").then().statusCode(200);
    }

    private String origin() {
        return root.getProtocol() + "://" + root.getHost() + ":" + root.getPort();
    }

    private void open() {
        if (!chromium.browser().getCurrentUrl().startsWith(origin() + "/dashboard/")) {
            chromium.browser().get(root.toString());
        }
    }

    @Test
    @Order(1)
    void browserAtRootGetsTheDashboardLoadedFromTheAppAlone() {
        Chromium.requestedUrls(chromium.browser()); // drop anything from before
        chromium.browser().get(root.toString());

        assertThat(chromium.browser().getCurrentUrl()).isEqualTo(origin() + "/dashboard/");
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> answers() >= 5);
        List<String> urls = Chromium.requestedUrls(chromium.browser());
        @SuppressWarnings("unchecked")
        List<String> timed = (List<String>) chromium.browser().executeScript(
                "return performance.getEntries().map(e => e.name).filter(n => /^[a-z]+:/.test(n))");
        long pageBytes = (Long) chromium.browser().executeScript("return performance.getEntriesByType('navigation')"
                + ".concat(performance.getEntriesByType('resource').filter(e => !e.name.includes('/api/')))"
                + ".reduce((sum, e) => sum + e.transferSize, 0)");
        System.out.printf("[dashboard] page transfer size (html+css+js, uncompressed): %d bytes%n", pageBytes);
        Chromium.screenshot(chromium.browser(), "01-local-traffic");

        assertThat(urls).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith(origin() + "/"));
        assertThat(timed).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith(origin() + "/"));
        assertThat(urls).anyMatch(u -> u.endsWith("/dashboard/dashboard.js"))
                .anyMatch(u -> u.contains("/api/info?via=dashboard")).anyMatch(u -> u.endsWith("/api/cluster"));
        assertThat(pageBytes).isBetween(1_000L, 100_000L);
    }

    @Test
    @Order(2)
    void clusterViewSaysPlainlyItIsNotInACluster() {
        open();
        WebElement box = Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(5))
                .until(d -> {
                    WebElement e = d.findElement(By.id("cluster-unavailable"));
                    return e.isDisplayed() && e.getText().contains("Not running in Kubernetes") ? e : null;
                });

        assertThat(box.getText()).contains("there is no cluster to show");
        assertThat(chromium.browser().findElement(By.id("cluster-body")).isDisplayed()).isFalse();
        Chromium.screenshot(chromium.browser(), "02-local-no-cluster");
    }

    @Test
    @Order(3)
    void chaosControlsAreBuiltFromTheSwitchesTheApiOffers() {
        open();
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> d.findElement(By.id("chaos")).isDisplayed());
        List<Map<String, Object>> switches = given().get("/api/chaos").then().statusCode(200).extract().jsonPath().getList("switches");
        assertThat(switches).extracting(s -> s.get("key"))
                .containsExactly(Arrays.stream(ChaosSwitch.values()).map(ChaosSwitch::key).toArray());
        for (Map<String, Object> s : switches) {
            String path = (String) s.get("path");
            if ((Boolean) s.get("flag")) {
                assertThat(button(path + "/fail").getText()).isEqualToIgnoringCase(path + " off");
                assertThat(button(path + "/recover").getText()).isEqualToIgnoringCase(path + " on");
            } else {
                WebElement field = chromium.browser().findElement(By.id("chaos-" + path));
                assertThat(field.isDisplayed()).as(path + " field shown").isTrue();
                assertThat(field.getDomProperty("value")).isEqualTo(String.valueOf(s.get("suggested")));
                assertThat(field.getDomAttribute("max")).isEqualTo(String.valueOf(s.get("max")));
                assertThat(button(path).isDisplayed()).as(path + " Set button shown").isTrue();
            }
        }
    }

    private static WebElement button(String action) {
        return chromium.browser().findElement(By.cssSelector("#chaos button[data-action='" + action + "']"));
    }

    @Test
    @Order(4)
    void readinessSwitchShowsThePodNotReadyThenReady() {
        open();
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> d.findElement(By.id("chaos")).isDisplayed());
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> "true".equals(trafficRow().getAttribute("data-ready")));

        chromium.browser().findElement(By.cssSelector("#chaos button[data-action='readiness/fail']")).click();

        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(5)).until(d -> "false".equals(trafficRow().getAttribute("data-ready"))
                && trafficRow().getText().contains("NOT READY"));
        assertThat(chromium.browser().findElement(By.id("chaos-result")).getText()).contains("readiness/fail → 200");
        assertThat(chromium.browser().findElement(By.id("chaos-state")).getText()).contains("readiness OFF");
        Chromium.screenshot(chromium.browser(), "03-local-readiness-off");

        chromium.browser().findElement(By.cssSelector("#chaos button[data-action='readiness/recover']")).click();

        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(5))
                .until(d -> "true".equals(trafficRow().getAttribute("data-ready")));
    }

    @Test
    @Order(5)
    void injectedErrorsShowInRedWithTheirTimeWindow() {
        open();
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> d.findElement(By.id("chaos")).isDisplayed());
        WebElement percent = chromium.browser().findElement(By.id("chaos-errors"));
        percent.clear();
        percent.sendKeys("100");

        chromium.browser().findElement(By.cssSelector("#chaos button[data-action='errors']")).click();

        WebElement window = Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10))
                .until(d -> d.findElements(By.cssSelector("#error-windows .window")).stream().findFirst().orElse(null));
        assertThat(window.getText()).matches("(?s)✖ \\d\\d:\\d\\d:\\d\\d–\\d\\d:\\d\\d:\\d\\d \\(.*\\): \\d+ errors?.*HTTP 500.*");
        assertThat(window.getCssValue("color")).isEqualTo("rgba(255, 77, 77, 1)");
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(5)).until(d -> Integer.parseInt(trafficRow().getAttribute("data-errors")) > 0);
        Chromium.screenshot(chromium.browser(), "04-local-errors");
    }

    @Test
    @Order(6)
    void rateIsAdjustableAndBounded() throws InterruptedException {
        open();
        WebElement rate = chromium.browser().findElement(By.id("rate"));
        assertThat(rate.getDomProperty("value")).isEqualTo("4");

        rate.sendKeys(Keys.END, Keys.ARROW_RIGHT); // to the top, then one more step: held at the bound
        assertThat(rate.getDomProperty("value")).isEqualTo("20");
        assertThat(chromium.browser().findElement(By.id("rate-value")).getText()).isEqualTo("20");
        // Twice the 4/s it started at, at the least: the app's own count, not the page's.
        assertThat(served(Duration.ofSeconds(2)).low()).as("answers per second at 20/s").isGreaterThanOrEqualTo(8);

        rate.sendKeys(Keys.HOME, Keys.ARROW_LEFT); // to the bottom, then one more step: held at the bound
        assertThat(rate.getDomProperty("value")).isEqualTo("1");
        assertThat(chromium.browser().findElement(By.id("rate-value")).getText()).isEqualTo("1");
        Served slow = served(Duration.ofSeconds(3));
        assertThat(slow.answers()).as("answers in 3 s at 1/s").isPositive();
        assertThat(slow.high()).as("answers per second at 1/s").isLessThanOrEqualTo(2.5);

        chromium.browser().findElement(By.id("pause")).click();
        assertThat(chromium.browser().findElement(By.id("pause")).getText()).isEqualTo("Resume");
        served(Duration.ofSeconds(1)); // lets one still in flight land
        assertThat(served(Duration.ofSeconds(2)).answers()).as("answers in 2 s, paused").isZero();
        chromium.browser().findElement(By.id("pause")).click();

        // A rate out of bounds in the URL is ignored; one within them is taken.
        chromium.browser().get(origin() + "/dashboard/?rate=21");
        assertThat(chromium.browser().findElement(By.id("rate")).getDomProperty("value")).isEqualTo("4");
        chromium.browser().get(origin() + "/dashboard/?rate=12");
        assertThat(chromium.browser().findElement(By.id("rate")).getDomProperty("value")).isEqualTo("12");
        assertThat(chromium.browser().findElement(By.id("rate-value")).getText()).isEqualTo("12");
    }

    /**
     * API answers the app served to the page over about this window (the counting requests made
     * here left out), and per second at the least and at the most: the app counts at some moment
     * during each counting request, and those take their time on a busy machine.
     */
    private record Served(long answers, double low, double high) {
    }

    private static Served served(Duration window) throws InterruptedException {
        long t0 = System.nanoTime();
        long first = requestsServed();
        long t1 = System.nanoTime();
        Thread.sleep(window.toMillis());
        long t2 = System.nanoTime();
        long answers = requestsServed() - first - 1;
        long t3 = System.nanoTime();
        return new Served(answers, answers * 1e9 / (t3 - t0), answers * 1e9 / (t2 - t1));
    }

    private static long requestsServed() {
        return given().get("/api/info").then().statusCode(200).extract().jsonPath().getLong("requestsServed");
    }

    private WebElement trafficRow() {
        return chromium.browser().findElements(By.cssSelector("#traffic-table tbody tr")).stream()
                .filter(r -> !r.getAttribute("data-pod").isEmpty()).findFirst().orElseThrow();
    }

    private int answers() {
        return chromium.browser().findElements(By.cssSelector("#traffic-table tbody tr")).stream()
                .mapToInt(r -> Integer.parseInt(r.getAttribute("data-answers"))).sum();
    }
}
