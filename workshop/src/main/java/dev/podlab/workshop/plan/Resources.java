package dev.podlab.workshop.plan;

/** CPU (millicores), memory (MiB) and pod slots: what nodes offer and what a class books. */
public record Resources(long cpuMillis, long memoryMiB, long pods) {
    public Resources times(long n) {
        return new Resources(cpuMillis * n, memoryMiB * n, pods * n);
    }

    public Resources minus(Resources o) {
        return new Resources(cpuMillis - o.cpuMillis, memoryMiB - o.memoryMiB, pods - o.pods);
    }

    public Resources plus(Resources o) {
        return new Resources(cpuMillis + o.cpuMillis, memoryMiB + o.memoryMiB, pods + o.pods);
    }
}
