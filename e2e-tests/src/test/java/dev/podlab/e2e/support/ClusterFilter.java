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
 * Leaves out of a run the classes this cluster cannot serve, and says so: {@link MultiNode}
 * classes on a single-node cluster, {@link ThrowawayOnly} classes anywhere but on the throwaway
 * node. They are not run at all (not reported as skipped, never counted as passed), and each is
 * printed with its reason. Registered through META-INF/services, so it applies to every run.
 */
public class ClusterFilter implements PostDiscoveryFilter {
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
        if (multiNode.isPresent() && Cluster.isSingleNode()) {
            return excluded(testClass, "[multi-node]", "the single-node " + Cluster.PROVIDER + " cluster",
                    "needs the multi-node kind cluster (" + multiNode.get().value() + ")");
        }
        var throwawayOnly = AnnotationSupport.findAnnotation(testClass, ThrowawayOnly.class);
        if (throwawayOnly.isPresent() && !"testcontainers".equals(Cluster.PROVIDER)) {
            return excluded(testClass, "[throwaway only]", "the " + Cluster.PROVIDER + " cluster",
                    "runs only on the throwaway node, -Dpodlab.cluster=testcontainers (" + throwawayOnly.get().value() + ")");
        }
        return FilterResult.included("runs on this cluster");
    }

    private static FilterResult excluded(Class<?> testClass, String tag, String cluster, String why) {
        String reason = "NOT RUN on " + cluster + ": " + testClass.getSimpleName() + " " + why;
        if (PRINTED.add(testClass.getName())) {
            System.out.println(tag + " " + reason);
        }
        return FilterResult.excluded(reason);
    }
}
