package dev.podlab.app.lifecycle;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The same image as a batch task: with PODLAB_ONESHOT_EXIT_CODE set, work for
 * PODLAB_ONESHOT_SECONDS, then exit with that code, so a Job or Pod ends Succeeded (0) or Failed.
 */
@Singleton
public class OneShotTask {

    private static final Logger LOG = Logger.getLogger(OneShotTask.class);

    @Inject
    OneShotSettings settings;

    boolean requested() {
        return settings.exitCode().isPresent();
    }

    int run() throws InterruptedException {
        int code = settings.exitCode().orElseThrow();
        int seconds = settings.seconds();
        LOG.infof("one-shot: working for %d s, then exiting with code %d", seconds, code);
        for (int second = 1; second <= seconds; second++) {
            Thread.sleep(1_000);
            LOG.infof("one-shot: step %d of %d done", second, seconds);
        }
        LOG.infof("one-shot: task done, so the process exits now with code %d (%s=%d): the Pod's phase becomes %s",
                code, OneShotSettings.EXIT_CODE_ENV, code, code == 0 ? "Succeeded" : "Failed");
        return code;
    }
}
