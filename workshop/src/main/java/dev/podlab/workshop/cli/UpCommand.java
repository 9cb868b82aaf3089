package dev.podlab.workshop.cli;

import dev.podlab.workshop.access.Kubeconfigs;
import dev.podlab.workshop.board.BoardAccess;
import dev.podlab.workshop.board.BoardObjects;
import dev.podlab.workshop.plan.Plan;
import dev.podlab.workshop.roster.Roster;
import dev.podlab.workshop.tenancy.Names;
import dev.podlab.workshop.tenancy.PolicyProbe;
import dev.podlab.workshop.tenancy.Tenancy;
import dev.podlab.workshop.tenancy.TenancyObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "up", description = "Make the class: per attendee a namespace, rights, quota, isolation and a kubeconfig; "
        + "the instructor board")
public class UpCommand implements Callable<Integer> {
    /** The board's image is pulled from the local registry and starts in seconds; this is for a slow cluster. */
    static final Duration BOARD_WAIT = Duration.ofMinutes(2);

    @Mixin
    ClassOptions options;

    @Option(names = "--hours", defaultValue = "${env:WORKSHOP_HOURS:-8}", description = "token lifetime (env WORKSHOP_HOURS)")
    int hours;

    @Option(names = "--address", defaultValue = "${env:WORKSHOP_ADDRESS}",
            description = "API server address attendees reach (env WORKSHOP_ADDRESS; default: the kube context's, "
                    + "which for podlab's kind cluster is the WORKSHOP_ADDRESS it was made with, 127.0.0.1 by default)")
    String address;

    @Option(names = "--probe-server-image", defaultValue = "${env:WORKSHOP_PROBE_SERVER_IMAGE}", required = true,
            description = "image answering HTTP on 8080, for the policy probe (env WORKSHOP_PROBE_SERVER_IMAGE)")
    String probeServerImage;

    @Option(names = "--probe-client-image", defaultValue = "${env:WORKSHOP_PROBE_CLIENT_IMAGE}", required = true,
            description = "image with sh and curl, for the policy probe (env WORKSHOP_PROBE_CLIENT_IMAGE)")
    String probeClientImage;

    @Option(names = "--board-image", defaultValue = "${env:WORKSHOP_BOARD_IMAGE}", required = true,
            description = "the instructor board's image, podlab/workshop-board (env WORKSHOP_BOARD_IMAGE)")
    String boardImage;

    @Option(names = "--stuck-after", defaultValue = "${env:WORKSHOP_STUCK_AFTER}",
            description = "the board marks an attendee stuck after this long on one unfinished lab, e.g. 10m "
                    + "(env WORKSHOP_STUCK_AFTER; default: the board's, 15m)")
    String stuckAfter;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        if (hours < 1 || hours > 72) {
            throw new IllegalArgumentException("WORKSHOP_HOURS=" + hours + ": give 1 to 72 hours");
        }
        if (stuckAfter != null && !stuckAfter.matches("[1-9][0-9]*[smh]")) {
            throw new IllegalArgumentException("WORKSHOP_STUCK_AFTER=" + stuckAfter + ": give minutes like 10m (or s, h)");
        }
        Roster roster = options.roster();
        try (KubernetesClient client = options.client()) {
            Tenancy tenancy = new Tenancy(client);
            Set<String> existing = tenancy.attendees();
            List<String> added = roster.names().stream().filter(n -> !existing.contains(n)).toList();
            List<String> kept = roster.names().stream().filter(existing::contains).toList();
            Plan plan = PlanCommand.plan(client, existing.size() + added.size(), options);
            if (!plan.fits()) {
                System.err.println(plan.report());
                System.err.println("refused: the class does not fit this cluster; nothing was made");
                return 3;
            }
            // The probe needs pods to start; it runs while the class is made.
            CompletableFuture<PolicyProbe.Result> probe = CompletableFuture.supplyAsync(
                    () -> new PolicyProbe(client, probeServerImage, probeClientImage).run());
            Instant expires = Instant.now().plus(Duration.ofHours(hours)).truncatedTo(ChronoUnit.SECONDS);
            try {
                make(client, tenancy, added, expires);
            } catch (RuntimeException e) {
                probe.exceptionally(x -> null).join(); // its throwaway namespaces go before the client does
                throw e;
            }
            double ready = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d attendee(s) made, %d kept as they were, in %.1f s; kubeconfigs in %s (tokens expire %s)%n",
                    added.size(), kept.size(), ready, options.dir, expires);
            kept.stream().filter(n -> !Files.exists(Kubeconfigs.path(options.dir, n))).forEach(n -> System.out.println(
                    "note: " + n + " was already in the class but has no kubeconfig in " + options.dir
                            + " (made elsewhere?): `make workshop-down ATTENDEES=" + n + "` then up again gives a new one"));
            CompletableFuture<String> board = CompletableFuture.supplyAsync(() -> BoardAccess.await(client, options.context, BOARD_WAIT));
            report(probe.handle((result, e) -> e == null ? result : new PolicyProbe.Result(false,
                    "not checked: the probe failed (" + e.getCause().getMessage() + "). Isolation is unproven.")).join());
            // The class is made either way: a board that does not start is a loud warning, not a rollback.
            board.handle((open, e) -> {
                if (e == null) {
                    System.out.println(open);
                } else {
                    System.err.println("WARNING: " + e.getCause().getMessage());
                }
                return null;
            }).join();
            System.out.printf("WORKSHOP_UP_SECONDS=%.1f (attendees ready), %.1f with the policy probe and the board%n",
                    ready, (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    /** Applies the new attendees' objects and writes their kubeconfigs; on any failure removes all of them again. */
    private void make(KubernetesClient client, Tenancy tenancy, List<String> added, Instant expires) {
        List<String> shown = tenancy.shownNamespaces();
        List<HasMetadata> objects = new ArrayList<>(TenancyObjects.shared());
        objects.addAll(BoardObjects.objects(boardImage, stuckAfter));
        added.forEach(n -> objects.addAll(TenancyObjects.attendee(n, options.size(), expires, shown)));
        Kubeconfigs kubeconfigs = new Kubeconfigs(client, address, options.dir);
        try {
            tenancy.apply(objects);
            Tenancy.parallel(added, n -> kubeconfigs.write(n, expires));
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("rolling back: removing the " + added.size() + " attendee(s) this run added");
            tenancy.remove(added, DownCommand.WAIT);
            DownCommand.deleteKubeconfigs(options.dir, added);
            throw new IllegalStateException("workshop-up failed and was rolled back: " + e.getMessage(), e);
        }
    }

    private static void report(PolicyProbe.Result probe) {
        if (probe.enforced()) {
            System.out.println("isolation: " + probe.detail());
            return;
        }
        String bar = "!".repeat(78);
        System.err.printf("%s%nWARNING: NO ISOLATION BETWEEN ATTENDEES. NetworkPolicy is %s%n%s%n", bar, probe.detail(), bar);
    }
}
