package dev.podlab.e2e.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Leaves {@link MultiNode} classes out of a run on a single-node cluster, and says so: they are
 * not run at all (not reported as skipped, never counted as passed), and each is printed with its
 * reason. Registered through META-INF/services, so it applies to every run.
 */
public class MultiNodeFilter implements PostDiscoveryFilter {
    /** Discovery may run more than once per JVM; print each class once. */
    private static final Set<String> PRINTED = ConcurrentHashMap.newKeySet();

    /** JUnit removes only excluded tests (leaves), then the classes left empty: so this judges each test by its class. */
    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Class<?> testClass = switch (descriptor.getSource().orElse(null)) {
            case MethodSource m -> m.getJavaClass();
            case ClassSource c -> c.getJavaClass();
            case null, default -> null;
        };
        var multiNode = AnnotationSupport.findAnnotation(testClass, MultiNode.class);
        if (multiNode.isEmpty() || !Cluster.isSingleNode()) {
            return FilterResult.included("runs on this cluster");
        }
        String reason = "NOT RUN on the single-node " + Cluster.PROVIDER + " cluster: " + testClass.getSimpleName()
                + " needs the multi-node kind cluster (" + multiNode.get().value() + ")";
        if (PRINTED.add(testClass.getName())) {
            System.out.println("[multi-node] " + reason);
        }
        return FilterResult.excluded(reason);
    }
}
