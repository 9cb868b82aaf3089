package dev.podlab.workshop.cli;

import dev.podlab.workshop.access.Kubeconfigs;
import dev.podlab.workshop.tenancy.Tenancy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "down", description = "Remove ATTENDEES and their kubeconfigs; none given: the whole class and the board")
public class DownCommand implements Callable<Integer> {
    /** Namespaces end when their pods have: the labs' pods stop within seconds. */
    static final Duration WAIT = Duration.ofMinutes(3);

    @Mixin
    ClassOptions options;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        try (KubernetesClient client = options.client()) {
            Tenancy tenancy = new Tenancy(client);
            Set<String> present = tenancy.attendees();
            List<String> gone;
            if (options.hasRoster()) {
                gone = new ArrayList<>(options.roster().names());
                List<String> absent = gone.stream().filter(n -> !present.contains(n)).toList();
                if (!absent.isEmpty()) {
                    System.out.println("not in the class (nothing to remove): " + String.join(" ", absent));
                }
                gone.removeAll(absent);
                tenancy.remove(gone, WAIT);
            } else {
                gone = List.copyOf(present);
                tenancy.removeAll(WAIT);
            }
            deleteKubeconfigs(options.dir, gone);
            System.out.printf("removed %d attendee(s) in %.1f s; their tokens are refused from about 10 s after removal%n",
                    gone.size(), (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    static void deleteKubeconfigs(Path dir, List<String> names) {
        try {
            for (String n : names) {
                Files.deleteIfExists(Kubeconfigs.path(dir, n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
