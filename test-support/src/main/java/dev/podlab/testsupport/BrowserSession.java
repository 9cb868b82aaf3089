package dev.podlab.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;

/** One headless Chromium for a test class: {@code @RegisterExtension static final BrowserSession chromium = ...}. */
public final class BrowserSession implements BeforeAllCallback, AfterAllCallback {
    private ChromeDriver browser;

    @Override
    public void beforeAll(ExtensionContext context) {
        browser = Chromium.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) {
            browser.quit();
        }
    }

    public ChromeDriver browser() {
        return browser;
    }
}
