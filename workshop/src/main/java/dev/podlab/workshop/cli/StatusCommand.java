package dev.podlab.workshop.cli;

import dev.podlab.workshop.status.Status;
import dev.podlab.workshop.tenancy.Tenancy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "The class: per attendee namespace, pods ready, token expiry, lab results")
public class StatusCommand implements Callable<Integer> {
    @Mixin
    ClassOptions options;

    @Override
    public Integer call() {
        try (KubernetesClient client = options.client()) {
            System.out.println(Status.grid(client, new Tenancy(client).attendees()));
        }
        return 0;
    }
}
