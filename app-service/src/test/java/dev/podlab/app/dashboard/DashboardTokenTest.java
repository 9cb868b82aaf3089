package dev.podlab.app.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** With a token configured, the chaos panel asks for it once and sends it on every chaos call. */
@QuarkusTest
@TestProfile(DashboardTokenTest.WithToken.class)
class DashboardTokenTest {

    private static final String TOKEN = "dash-s3cret";

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("podlab.chaos.token", TOKEN);
        }
    }

    static ChromeDriver browser;

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @BeforeAll
    static void startBrowser() {
        browser = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void resetChaos() {
        given().header("X-Chaos-Token", TOKEN).post("/admin/reset").then().statusCode(200);
    }

    @Test
    void theTokenTypedOnceIsSentWithEachChaosCall() {
        browser.get(dashboard.toString());
        var token = By.cssSelector("[data-role='chaos-token']");
        Chromium.waitUpTo(browser, Duration.ofSeconds(10)).until(d -> d.findElement(token).isDisplayed());
        // Wait for a pod to answer, so the chaos call has a target.
        Chromium.waitUpTo(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.cssSelector("#traffic-table tbody tr[data-pod]")).isEmpty());

        browser.findElement(By.cssSelector("#chaos button[data-action='readiness/fail']")).click();
        Chromium.waitUpTo(browser, Duration.ofSeconds(5))
                .until(d -> "401".equals(d.findElement(By.id("chaos-result")).getAttribute("data-status")));
        given().get("/ready").then().statusCode(200);

        browser.findElement(token).sendKeys(TOKEN);
        browser.findElement(By.cssSelector("#chaos button[data-action='readiness/fail']")).click();
        Chromium.waitUpTo(browser, Duration.ofSeconds(5))
                .until(d -> "200".equals(d.findElement(By.id("chaos-result")).getAttribute("data-status")));
        given().get("/ready").then().statusCode(503);

        // Kept for the tab's session: a reload does not ask again.
        browser.navigate().refresh();
        Chromium.waitUpTo(browser, Duration.ofSeconds(10)).until(d -> d.findElement(token).isDisplayed());
        assertThat(browser.findElement(token).getAttribute("value")).isEqualTo(TOKEN);
        Chromium.waitUpTo(browser, Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.cssSelector("#traffic-table tbody tr[data-pod]")).isEmpty());
        browser.findElement(By.cssSelector("#chaos button[data-action='readiness/recover']")).click();
        Chromium.waitUpTo(browser, Duration.ofSeconds(5))
                .until(d -> "200".equals(d.findElement(By.id("chaos-result")).getAttribute("data-status")));
        given().get("/ready").then().statusCode(200);
    }
}
