package dev.podlab.board;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Serves until stopped. The image is built with app-service's Dockerfile, whose training run starts
 * the app once to record its AOT cache and expects it to exit with {@value #TRAINING_EXIT_CODE}.
 */
@QuarkusMain
public class BoardMain implements QuarkusApplication {
    static final String TRAINING_EXIT_CODE = "PODLAB_ONESHOT_EXIT_CODE";

    @Override
    public int run(String... args) {
        String code = System.getenv(TRAINING_EXIT_CODE);
        if (code != null) {
            return Integer.parseInt(code);
        }
        Quarkus.waitForExit();
        return 0;
    }
}
