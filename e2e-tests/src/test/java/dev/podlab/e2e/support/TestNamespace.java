package dev.podlab.e2e.support;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A namespace of its own for each test class, labelled for Pod Security "restricted" like
 * podlab's own, and deleted after the class (Services first, so their node ports are free at once).
 * Classes run at once, each in its own namespace; the one node port they share goes to one
 * namespace at a time ({@link #claimNodePort()}).
 */
public class TestNamespace implements BeforeAllCallback, AfterAllCallback {
    /** {@link Cluster#TEST_NODE_PORT} is one port for the whole cluster. */
    private static final Semaphore NODE_PORT = new Semaphore(1);
    private static final long NODE_PORT_WAIT_MINUTES = 20;
    private String name;
    private boolean holdsNodePort;

    @Override
    public void beforeAll(ExtensionContext context) {
        name = "e2e-" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT).replace("it", "")
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .addToLabels("podlab.dev/e2e", "true")
                .endMetadata().build()).create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            client().services().inNamespace(name).delete();
        } finally {
            if (holdsNodePort) {
                holdsNodePort = false;
                NODE_PORT.release();
            }
        }
        client().namespaces().withName(name).delete();
    }

    /**
     * Waits until no other class has a Service on the test node port; this namespace then holds
     * it until its Services are deleted after its class.
     */
    public void claimNodePort() {
        if (holdsNodePort) {
            return;
        }
        try {
            if (!NODE_PORT.tryAcquire(NODE_PORT_WAIT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException(name + " waited " + NODE_PORT_WAIT_MINUTES + " min for node port "
                        + Cluster.TEST_NODE_PORT + ": another test class kept a Service on it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        holdsNodePort = true;
    }

    public String name() {
        return name;
    }

    public KubernetesClient client() {
        return Cluster.client();
    }
}
