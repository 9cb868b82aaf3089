package dev.podlab.workshop.cli;

import dev.podlab.workshop.plan.Capacity;
import dev.podlab.workshop.plan.Plan;
import dev.podlab.workshop.tenancy.Names;
import dev.podlab.workshop.tenancy.Tenancy;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", description = "What a class of ATTENDEES needs against what the cluster can allocate")
public class PlanCommand implements Callable<Integer> {
    @Mixin
    ClassOptions options;

    @Override
    public Integer call() {
        int attendees = options.roster().names().size();
        try (KubernetesClient client = options.client()) {
            System.out.println(plan(client, attendees, options).report());
        }
        return 0;
    }

    /** The class against the cluster; the class's own namespaces' pods are counted by quota, not by use. */
    static Plan plan(KubernetesClient client, int attendees, ClassOptions options) {
        var classNamespaces = new Tenancy(client).attendees().stream().map(Names::namespace).collect(Collectors.toSet());
        return new Plan(attendees, options.size(), Capacity.free(client, classNamespaces));
    }
}
