package dev.podlab.app.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.Map;

import dev.podlab.testsupport.BrowserSession;
import dev.podlab.testsupport.Chromium;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

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

    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession();

    @TestHTTPResource("/dashboard/")
    URL dashboard;

    @AfterEach
    void resetChaos() {
        given().header("X-Chaos-Token", TOKEN).post("/admin/reset").then().statusCode(200);
    }

    @Test
    void theTokenTypedOnceIsSentWithEachChaosCall() {
        chromium.browser().get(dashboard.toString());
        var token = By.cssSelector("[data-role='chaos-token']");
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> d.findElement(token).isDisplayed());
        // Wait for a pod to answer, so the chaos call has a target.
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.cssSelector("#traffic-table tbody tr[data-pod]")).isEmpty());

        chromium.browser().findElement(By.cssSelector("#chaos button[data-action='readiness/fail']")).click();
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(5))
                .until(d -> "401".equals(d.findElement(By.id("chaos-result")).getAttribute("data-status")));
        given().get("/ready").then().statusCode(200);

        chromium.browser().findElement(token).sendKeys(TOKEN);
        chromium.browser().findElement(By.cssSelector("#chaos button[data-action='readiness/fail']")).click();
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(5))
                .until(d -> "200".equals(d.findElement(By.id("chaos-result")).getAttribute("data-status")));
        given().get("/ready").then().statusCode(503);

        // Kept for the tab's session: a reload does not ask again.
        chromium.browser().navigate().refresh();
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10)).until(d -> d.findElement(token).isDisplayed());
        assertThat(chromium.browser().findElement(token).getAttribute("value")).isEqualTo(TOKEN);
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(10))
                .until(d -> !d.findElements(By.cssSelector("#traffic-table tbody tr[data-pod]")).isEmpty());
        chromium.browser().findElement(By.cssSelector("#chaos button[data-action='readiness/recover']")).click();
        Chromium.waitUpTo(chromium.browser(), Duration.ofSeconds(5))
                .until(d -> "200".equals(d.findElement(By.id("chaos-result")).getAttribute("data-status")));
        given().get("/ready").then().statusCode(200);
    }
}
