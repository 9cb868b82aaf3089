package dev.podlab.app.chaos;

import java.util.Optional;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The chaos API's settings (env PODLAB_CHAOS_ENABLED, PODLAB_CHAOS_TOKEN) and the header that
 * carries the token: the one home of the chaos contract, with {@link ChaosAction}.
 */
@ConfigMapping(prefix = ChaosSettings.PREFIX)
public interface ChaosSettings {

    String PREFIX = "podlab.chaos";

    /** Carries the token; also proves a request is no cross-site form post (a form cannot set it). */
    String TOKEN_HEADER = "X-Chaos-Token";

    /** Off unless asked for: the workshop's kind overlay sets PODLAB_CHAOS_ENABLED=true. */
    @WithDefault("false")
    boolean enabled();

    /** When set, every chaos call must carry it in {@link #TOKEN_HEADER}. Set but blank: a startup error. */
    Optional<String> token();

    /**
     * Refuses to start with the token set but blank: config reads an empty value as unset, which
     * would silently turn the token off, so only the raw value tells.
     */
    @Singleton
    class BlankTokenCheck {

        void check(@Observes StartupEvent ignored) {
            String raw = ConfigProvider.getConfig().getConfigValue(PREFIX + ".token").getRawValue();
            if (raw != null && raw.isBlank()) {
                throw new IllegalStateException("PODLAB_CHAOS_TOKEN (" + PREFIX + ".token) is set but blank: "
                        + "give it a real token, or unset it to run the chaos API without one");
            }
        }
    }
}
