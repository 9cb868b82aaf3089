package dev.podlab.app.lifecycle;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;

/** One image, two modes: the long-running service, or a one-shot task when PODLAB_ONESHOT_EXIT_CODE is set. */
@QuarkusMain
public class PodlabMain implements QuarkusApplication {

    @Inject
    OneShotTask oneShot;

    public static void main(String... args) {
        if (System.getenv(OneShotSettings.EXIT_CODE_ENV) != null) {
            // The HTTP port and the drain are fixed before any bean could read OneShotSettings:
            // the profile "oneshot" sets both (application.properties).
            System.setProperty("quarkus.profile", "oneshot");
        }
        Quarkus.run(PodlabMain.class, args);
    }

    @Override
    public int run(String... args) throws Exception {
        if (oneShot.requested()) {
            return oneShot.run();
        }
        Quarkus.waitForExit();
        return 0;
    }
}
