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
        if (System.getenv(OneShotTask.EXIT_CODE_ENV) != null) {
            // A one-shot run serves nothing: any free port, so it never clashes with a running
            // instance, and no drain delay, so it exits as soon as the task is done.
            System.setProperty("quarkus.http.port", "0");
            System.setProperty("quarkus.shutdown.delay", "0s");
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
