package dev.podlab.e2e.support;

import java.util.Set;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLocksProvider;
import org.junit.jupiter.api.parallel.Resources;

/**
 * For a class that scales the app beyond what a throwaway cluster's one node holds beside another
 * class (2 CPUs; each app pod requests 150m, kube-system about 900m): there it runs alone, after
 * the others, as {@code @Isolated} would; on the kind cluster it runs beside them.
 * Use: {@code @ResourceLock(providers = AloneOnOneNode.class)}.
 */
public final class AloneOnOneNode implements ResourceLocksProvider {
    @Override
    public Set<Lock> provideForClass(Class<?> testClass) {
        return Cluster.isSingleNode() ? Set.of(new Lock(Resources.GLOBAL, ResourceAccessMode.READ_WRITE)) : Set.of();
    }
}
