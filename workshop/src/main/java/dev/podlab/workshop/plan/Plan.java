package dev.podlab.workshop.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A class of {@code attendees} at {@code size} against what the cluster's schedulable nodes
 * still have free (allocatable minus what running pods already request).
 */
public record Plan(int attendees, Size size, Resources free) {

    public Resources needs() {
        return size.reserved().times(attendees);
    }

    /** What is missing, one line per resource short; empty when the class fits. */
    public List<String> shortfalls() {
        Resources left = free.minus(needs());
        List<String> out = new ArrayList<>();
        if (left.cpuMillis() < 0) {
            out.add("CPU requests short by " + cpu(-left.cpuMillis()));
        }
        if (left.memoryMiB() < 0) {
            out.add("memory requests short by " + left.memoryMiB() * -1 + "Mi");
        }
        if (left.pods() < 0) {
            out.add("pod slots short by " + -left.pods());
        }
        return out;
    }

    public boolean fits() {
        return shortfalls().isEmpty();
    }

    /** The largest size at which this many attendees fit, if any. */
    public Optional<Size> largestFitting() {
        return Arrays.stream(Size.values()).filter(s -> new Plan(attendees, s, free).fits())
                .reduce((a, b) -> b);
    }

    /** The report `make workshop-plan` prints. */
    public String report() {
        Resources need = needs();
        StringBuilder out = new StringBuilder();
        out.append("%d attendees at size %s (per attendee: %s CPU, %dMi memory requested, %d pods)%n"
                .formatted(attendees, size.label(), cpu(size.requestsCpuMillis), size.requestsMemoryMiB, size.pods));
        out.append("%-10s %12s %12s%n".formatted("", "class needs", "cluster free"));
        out.append("%-10s %12s %12s%n".formatted("CPU", cpu(need.cpuMillis()), cpu(free.cpuMillis())));
        out.append("%-10s %12s %12s%n".formatted("memory", need.memoryMiB() + "Mi", free.memoryMiB() + "Mi"));
        out.append("%-10s %12d %12d%n".formatted("pods", need.pods(), free.pods()));
        out.append("LoadBalancer Services: up to %d (MetalLB's pool must hold that many addresses)%n"
                .formatted(size.loadBalancers * attendees));
        if (fits()) {
            out.append("fits.");
        } else {
            out.append("does NOT fit: ").append(String.join("; ", shortfalls())).append('.');
            out.append(largestFitting().map(s -> " Size " + s.label() + " fits (WORKSHOP_SIZE=" + s.label() + ").")
                    .orElse(" No size fits this many attendees: add nodes or split the class."));
        }
        return out.toString();
    }

    static String cpu(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }
}
