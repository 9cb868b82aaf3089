package dev.podlab.e2e.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that needs the multi-node kind cluster `make cluster` builds. On a single-node
 * cluster ({@code -Dpodlab.cluster=testcontainers} or {@code k3s}) {@link ClusterFilter} leaves
 * it out of the run before it starts and prints it with {@link #value()}, the reason.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MultiNode {
    /** What the class needs that one node cannot give, e.g. "stops a worker node". */
    String value();
}
