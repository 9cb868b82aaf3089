package dev.podlab.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium with an explicit driver and browser path, so
 * Selenium Manager never downloads anything. A machine without them fails the test (apt-get
 * install -y chromium chromium-driver); it never turns into a skip.
 */
public final class Chromium {
    static final String DRIVER = "/usr/bin/chromedriver";
    static final String BINARY = "/usr/bin/chromium";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {
    }

    public static ChromeDriver start() {
        for (String file : List.of(DRIVER, BINARY)) {
            if (!Files.isExecutable(Path.of(file))) {
                throw new IllegalStateException(file + " is missing: apt-get install -y chromium chromium-driver");
            }
        }
        System.setProperty("webdriver.chrome.driver", DRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,720",
                "--disable-gpu", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--metrics-recording-only", "--no-default-browser-check");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // --window-size counts the window, not the page: make the page itself 1280x720, a projector's size.
        var inner = (java.util.List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight]");
        var size = driver.manage().window().getSize();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(
                size.width + 1280 - ((Number) inner.get(0)).intValue(), size.height + 720 - ((Number) inner.get(1)).intValue()));
        return driver;
    }

    public static WebDriverWait waitUpTo(ChromeDriver driver, Duration timeout) {
        // The page re-renders its tables live: an element read mid-render is stale, not wrong.
        WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    public static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every URL the browser asked for since the last call, from Chrome's network events (performance log). */
    @SuppressWarnings("unchecked")
    public static List<String> requestedUrls(ChromeDriver driver) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        return driver.manage().logs().get(LogType.PERFORMANCE).getAll().stream().map(entry -> {
            try {
                Map<String, Object> message = (Map<String, Object>) json.readValue(entry.getMessage(), Map.class).get("message");
                if (!"Network.requestWillBeSent".equals(message.get("method"))) {
                    return null;
                }
                return (String) ((Map<String, Object>) ((Map<String, Object>) message.get("params")).get("request")).get("url");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(u -> u != null).toList();
    }
}
