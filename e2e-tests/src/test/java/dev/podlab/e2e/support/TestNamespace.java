package dev.podlab.e2e.support;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A namespace of its own for each test class, labelled for Pod Security "restricted" like
 * podlab's own, and deleted after the class (Services first, so their node ports are free at once).
 */
public class TestNamespace implements BeforeAllCallback, AfterAllCallback {
    private String name;

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
        client().services().inNamespace(name).delete();
        client().namespaces().withName(name).delete();
    }

    public String name() {
        return name;
    }

    public KubernetesClient client() {
        return Cluster.client();
    }
}
