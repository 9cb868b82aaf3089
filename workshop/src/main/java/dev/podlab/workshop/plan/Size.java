package dev.podlab.workshop.plan;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one attendee may use: the numbers of their ResourceQuota (README "Run a workshop" has
 * this table). Requests are what the scheduler books, so they are what a class must fit into;
 * limits may overcommit. CPU in millicores, memory in MiB.
 */
public enum Size {
    /** Labs 1-6 on a laptop-sized cluster: about five default-sized pods (lab 8's 100m replicas do not fit). */
    XS(50, 640, 2000, 2048, 5, 3, 1, 0),
    /** Labs 1-7 and 9; lab 8 with its three replicas but no scale-up. */
    S(500, 1024, 2000, 3072, 10, 5, 1, 1),
    /** All nine labs, leftovers of earlier labs included. */
    M(1000, 2048, 4000, 6144, 16, 6, 2, 1),
    /** All nine labs with room to experiment. */
    L(2000, 4096, 8000, 12288, 24, 10, 2, 2);

    public final int requestsCpuMillis;
    public final int requestsMemoryMiB;
    public final int limitsCpuMillis;
    public final int limitsMemoryMiB;
    public final int pods;
    public final int services;
    public final int nodePorts;
    public final int loadBalancers;

    Size(int requestsCpuMillis, int requestsMemoryMiB, int limitsCpuMillis, int limitsMemoryMiB,
            int pods, int services, int nodePorts, int loadBalancers) {
        this.requestsCpuMillis = requestsCpuMillis;
        this.requestsMemoryMiB = requestsMemoryMiB;
        this.limitsCpuMillis = limitsCpuMillis;
        this.limitsMemoryMiB = limitsMemoryMiB;
        this.pods = pods;
        this.services = services;
        this.nodePorts = nodePorts;
        this.loadBalancers = loadBalancers;
    }

    /** What one attendee's quota reserves on the nodes. */
    public Resources reserved() {
        return new Resources(requestsCpuMillis, requestsMemoryMiB, pods);
    }

    public static Size parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("WORKSHOP_SIZE \"" + name + "\" is not one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
