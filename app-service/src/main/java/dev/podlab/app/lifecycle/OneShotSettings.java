package dev.podlab.app.lifecycle;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** One-shot mode's settings, read once (podlab.oneshot.*; defaults in application.properties). */
@ConfigMapping(prefix = "podlab.oneshot")
public interface OneShotSettings {

    /** How people set {@link #exitCode()}; {@link PodlabMain} looks for it before config exists. */
    String EXIT_CODE_ENV = "PODLAB_ONESHOT_EXIT_CODE";

    /** Set: run the task, then exit with this code, instead of serving. */
    Optional<Integer> exitCode();

    /** How long the task works. */
    int seconds();
}
