package dev.podlab.app.chaos;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start with PODLAB_CHAOS_TOKEN set but blank: config treats an empty value as unset,
 * which would silently turn the token off.
 */
@Singleton
public class ChaosTokenCheck {

    void check(@Observes StartupEvent ignored) {
        String raw = ConfigProvider.getConfig().getConfigValue("podlab.chaos.token").getRawValue();
        if (raw != null && raw.isBlank()) {
            throw new IllegalStateException("PODLAB_CHAOS_TOKEN (podlab.chaos.token) is set but blank: "
                    + "give it a real token, or unset it to run the chaos API without one");
        }
    }
}
