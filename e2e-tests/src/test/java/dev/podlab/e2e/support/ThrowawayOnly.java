package dev.podlab.e2e.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class about a cluster podlab did not make, which it may change past repair: it runs only
 * on the throwaway node ({@code -Dpodlab.cluster=testcontainers}); elsewhere {@link ClusterFilter}
 * leaves it out of the run before it starts and prints it with {@link #value()}, the reason.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ThrowawayOnly {
    /** What the class does to its cluster, e.g. "switches NetworkPolicy enforcement off". */
    String value();
}
