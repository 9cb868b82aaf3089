package dev.podlab.workshop.cli;

import dev.podlab.workshop.plan.Size;
import dev.podlab.workshop.roster.Roster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** What every command shares: the cluster, the roster, the size. Each option has its env variable. */
public class ClassOptions {
    @Option(names = "--context", defaultValue = "${env:KUBE_CONTEXT}", description = "kube context (env KUBE_CONTEXT; default: the current one)")
    String context;

    @Option(names = "--attendees", defaultValue = "${env:ATTENDEES}", description = "names, or a number of attendees (env ATTENDEES)")
    String attendees;

    @Option(names = "--attendees-file", defaultValue = "${env:ATTENDEES_FILE}", description = "roster file: one name a line, # comments (env ATTENDEES_FILE)")
    Path attendeesFile;

    @Option(names = "--size", defaultValue = "${env:WORKSHOP_SIZE:-m}", description = "quota preset xs, s, m, l (env WORKSHOP_SIZE; default m)")
    String size;

    @Option(names = "--dir", defaultValue = "${env:WORKSHOP_DIR:-target/workshop}", description = "where kubeconfigs go (env WORKSHOP_DIR)")
    Path dir;

    boolean hasRoster() {
        return !blank(attendees) || attendeesFile != null;
    }

    /** The roster from ATTENDEES or ATTENDEES_FILE, checked: a bad one throws before anything is made. */
    Roster roster() {
        if (!blank(attendees) && attendeesFile != null) {
            throw new IllegalArgumentException("give ATTENDEES or ATTENDEES_FILE, not both");
        }
        if (attendeesFile == null) {
            return Roster.fromWords(attendees == null ? "" : attendees);
        }
        try {
            return Roster.fromLines(attendeesFile.toString(), Files.readAllLines(attendeesFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ATTENDEES_FILE " + attendeesFile, e);
        }
    }

    Size size() {
        return Size.parse(size);
    }

    /** A client of the chosen context that answers; a cluster that does not answer is an error here, not later. */
    KubernetesClient client() {
        Config config = new ConfigBuilder(Config.autoConfigure(blank(context) ? null : context))
                // the default 5 per host would serialize the parallel apply
                .withMaxConcurrentRequestsPerHost(64).build();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            client.getKubernetesVersion();
        } catch (RuntimeException e) {
            client.close();
            throw new IllegalStateException("no cluster answers at " + config.getMasterUrl() + " (kube context "
                    + (blank(context) ? "current" : context) + "): " + e.getMessage());
        }
        return client;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
