package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.TestNamespace;
import dev.podlab.e2e.support.Toolbox;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Service discovery": pods find Services by name through the cluster DNS. */
@Order(4)
class DnsIT {
    @RegisterExtension
    static final TestNamespace ns = new TestNamespace();
    static App app;
    static Toolbox box;

    @BeforeAll
    static void deploy() {
        app = new App(ns).deploy(2);
        box = Toolbox.start(ns, "client", null);
    }

    @Test
    void shortNameResolvesToTheServiceIpAndReachesTheApp() {
        String clusterIp = ns.client().services().inNamespace(ns.name()).withName(App.NAME).get().getSpec().getClusterIP();

        assertThat(box.sh("dig +short +search app-service").trim()).isEqualTo(clusterIp);
        assertThat(box.getJson("http://app-service/api/info").path("namespace").asText()).isEqualTo(ns.name());
    }

    @Test
    void fullyQualifiedNameResolvesAndReachesTheApp() {
        String fqdn = "app-service." + ns.name() + ".svc.cluster.local";

        assertThat(box.sh("dig +short " + fqdn).trim())
                .isEqualTo(ns.client().services().inNamespace(ns.name()).withName(App.NAME).get().getSpec().getClusterIP());
        assertThat(box.getJson("http://" + fqdn + "/api/info").path("pod").asText()).startsWith(App.NAME);
    }

    @Test
    void headlessServiceResolvesToEveryPodIp() {
        ServicesIT.applyHandWrittenServices(ns);
        Set<String> podIps = app.readyPods().stream().map(p -> p.getStatus().getPodIP()).collect(Collectors.toSet());

        String answer = box.sh("dig +short app-service-headless." + ns.name() + ".svc.cluster.local");

        assertThat(Arrays.stream(answer.split("\\s+")).filter(s -> !s.isBlank()).collect(Collectors.toSet()))
                .isEqualTo(podIps);
    }
}
