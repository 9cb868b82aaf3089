package dev.podlab.e2e.support;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** Bare pods that pass Pod Security "restricted", like every podlab pod. */
public final class Pods {
    private Pods() {
    }

    /** A one-container pod running {@code image}, with a writable /tmp on a read-only root. */
    public static Pod restricted(String name, String image, String restartPolicy, String node, EnvVar... env) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withRestartPolicy(restartPolicy).withNodeName(node).withTerminationGracePeriodSeconds(0L)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1001L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("main").withImage(image).withImagePullPolicy("IfNotPresent").withEnv(env)
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build();
    }

    /** The app image in one-shot mode: it exits with {@code exitCode}. */
    public static Pod oneShot(String name, int exitCode, String restartPolicy) {
        return restricted(name, Cluster.APP_IMAGE, restartPolicy, null,
                new EnvVar("PODLAB_ONESHOT_EXIT_CODE", Integer.toString(exitCode), null));
    }
}
