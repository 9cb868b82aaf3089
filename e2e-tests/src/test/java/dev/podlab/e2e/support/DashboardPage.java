package dev.podlab.e2e.support;

import dev.podlab.testsupport.Chromium;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live dashboard as a test reads and drives it, through the page's test contract (the comment
 * at the top of app-service's dashboard/dashboard.js): rows are elements carrying data-* attributes,
 * window.podlabSamples() holds the page's own traffic, the chaos panel has a target select,
 * buttons with data-action and a token field with data-role="chaos-token".
 */
public final class DashboardPage implements AutoCloseable {
    private final ChromeDriver browser = Chromium.start();

    public DashboardPage(String baseUrl) {
        browser.get(baseUrl + "/dashboard/");
    }

    /** The data-* attributes of the elements matching {@code css}, as the page renders them. */
    @SuppressWarnings("unchecked")
    public List<Map<String, String>> rows(String css) {
        return (List<Map<String, String>>) browser.executeScript(
                "return [...document.querySelectorAll(arguments[0])].map(e => Object.assign({}, e.dataset))", css);
    }

    /** Why CPU and memory are missing, as the page says it; empty when they are all there. */
    public String metricsNote() {
        var note = browser.findElement(By.id("metrics-note"));
        return note.isDisplayed() ? note.getText() : "";
    }

    /** Ids of the tables reaching past their panel's padding: at the browser's 1280x720, something would be cut off. */
    @SuppressWarnings("unchecked")
    public List<String> tablesWiderThanTheirPanel() {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll('table')].filter(t => {"
                + " const s = t.closest('section'); return t.getBoundingClientRect().right"
                + " > s.getBoundingClientRect().right - parseFloat(getComputedStyle(s).paddingRight); }).map(t => t.id)");
    }

    /**
     * The chaos controls shown (pod, token, buttons, fields) that are on screen without scrolling, of all
     * of them; the panel's answer log below them may run past the fold as it grows.
     */
    @SuppressWarnings("unchecked")
    public List<Long> chaosControlsOnScreen() {
        return (List<Long>) browser.executeScript("const c = [...document.querySelectorAll('#chaos button, #chaos select, #chaos input')]"
                + ".filter(e => e.getClientRects().length > 0);"
                + " return [c.filter(e => { const r = e.getBoundingClientRect(); return r.height > 0 && r.bottom <= window.innerHeight; }).length, c.length];");
    }

    /** Pods that answered the page's traffic in the last {@code ms}. */
    @SuppressWarnings("unchecked")
    public Set<String> answering(long ms) {
        return Set.copyOf((List<String>) browser.executeScript(
                "return [...new Set(window.podlabSamples().filter(s => s.ok && s.t >= Date.now() - arguments[0]).map(s => s.pod))]", ms));
    }

    /** Times of the successful answers {@code pod} gave the page at or after {@code sinceMs}. */
    @SuppressWarnings("unchecked")
    public List<Object> answersFrom(String pod, long sinceMs) {
        return (List<Object>) browser.executeScript(
                "return window.podlabSamples().filter(s => s.ok && s.pod === arguments[0] && s.t >= arguments[1]).map(s => s.t)",
                pod, sinceMs);
    }

    /** Types the chaos token once, as the instructor does, when the page shows that the app asks for one. */
    public void enterToken(String token) {
        By field = By.cssSelector("[data-role='chaos-token']");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElement(field).isDisplayed());
        browser.findElement(field).clear();
        browser.findElement(field).sendKeys(token);
    }

    /** Picks {@code pod} in the chaos panel and presses the button of {@code action}. */
    public void chaos(String pod, String action) {
        new Select(browser.findElement(By.id("target"))).selectByValue(pod);
        press(action);
    }

    public void press(String action) {
        browser.findElement(By.cssSelector("#chaos button[data-action='" + action + "']")).click();
    }

    public String chaosResult() {
        return browser.findElement(By.id("chaos-result")).getText();
    }

    public void screenshot(String name) {
        Chromium.screenshot(browser, name);
    }

    @Override
    public void close() {
        browser.quit();
    }
}
