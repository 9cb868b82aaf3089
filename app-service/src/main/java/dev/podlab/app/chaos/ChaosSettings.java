package dev.podlab.app.chaos;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The chaos API's settings (env PODLAB_CHAOS_ENABLED, PODLAB_CHAOS_TOKEN) and the header that
 * carries the token: the one home of the chaos contract, with {@link ChaosAction}.
 */
@ConfigMapping(prefix = "podlab.chaos")
public interface ChaosSettings {

    /** Carries the token; also proves a request is no cross-site form post (a form cannot set it). */
    String TOKEN_HEADER = "X-Chaos-Token";

    /** Off unless asked for: the workshop's kind overlay sets PODLAB_CHAOS_ENABLED=true. */
    @WithDefault("false")
    boolean enabled();

    /** When set, every chaos call must carry it in {@link #TOKEN_HEADER}. Set but blank: a startup error. */
    Optional<String> token();
}
