package dev.podlab.workshop.status;

import dev.podlab.workshop.tenancy.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The attendee x lab grid: each attendee's namespace, pods, token expiry and lab results. */
public final class Status {
    private Status() {
    }

    public static String grid(KubernetesClient client, Set<String> attendees) {
        if (attendees.isEmpty()) {
            return "no attendees on this cluster (make workshop-up ATTENDEES=\"alice bob\")";
        }
        Set<String> namespaces = attendees.stream().map(Names::namespace).collect(Collectors.toSet());
        // Three list calls for the whole class, not three per attendee.
        Map<String, List<Pod>> pods = client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> namespaces.contains(p.getMetadata().getNamespace()))
                .collect(Collectors.groupingBy(p -> p.getMetadata().getNamespace()));
        Map<String, String> expiry = client.serviceAccounts().inAnyNamespace().withLabel(Names.PART_OF, Names.WORKSHOP)
                .list().getItems().stream().collect(Collectors.toMap(sa -> sa.getMetadata().getNamespace(),
                        Status::expiry, (a, b) -> a));
        Map<String, ConfigMap> results = client.configMaps().inAnyNamespace().withLabel(Names.LAB).list().getItems().stream()
                .filter(c -> namespaces.contains(c.getMetadata().getNamespace()))
                .collect(Collectors.toMap(c -> c.getMetadata().getNamespace() + "/" + c.getMetadata().getName(),
                        Function.identity(), (a, b) -> a));
        StringBuilder out = new StringBuilder("%-20s %-23s %-6s %-20s".formatted("ATTENDEE", "NAMESPACE", "PODS", "TOKEN EXPIRES"));
        for (int lab = 1; lab <= Names.LABS; lab++) {
            out.append(" %5s".formatted("L" + lab));
        }
        out.append('\n');
        for (String a : attendees) {
            String ns = Names.namespace(a);
            List<Pod> own = pods.getOrDefault(ns, List.of());
            long ready = own.stream().filter(Status::ready).count();
            out.append("%-20s %-23s %-6s %-20s".formatted(a, ns, ready + "/" + own.size(), expiry.getOrDefault(ns, "-")));
            for (int lab = 1; lab <= Names.LABS; lab++) {
                ConfigMap r = results.get(ns + "/" + Names.labResult(lab));
                out.append(" %5s".formatted(r == null ? "-"
                        : r.getData().getOrDefault("passed", "?") + "/" + r.getData().getOrDefault("total", "?")));
            }
            out.append('\n');
        }
        out.append("labs: steps passed/total per lab (ConfigMap ").append(Names.labResult(1).replace("1", "N"))
                .append(" in each namespace, written by lab checks); - = no result yet");
        return out.toString();
    }

    private static String expiry(ServiceAccount sa) {
        return sa.getMetadata().getAnnotations() == null ? "-"
                : sa.getMetadata().getAnnotations().getOrDefault(Names.TOKEN_EXPIRES, "-");
    }

    private static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
