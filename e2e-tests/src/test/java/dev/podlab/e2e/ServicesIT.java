package dev.podlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlab.e2e.support.App;
import dev.podlab.e2e.support.Cluster;
import dev.podlab.e2e.support.Report;
import dev.podlab.e2e.support.Shell;
import dev.podlab.e2e.support.TestNamespace;
import dev.podlab.e2e.support.Toolbox;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.restassured.RestAssured;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Services: stable networking": every Service type, and endpoints that follow readiness. */
@dev.podlab.e2e.support.MultiNode("traffic across workers, LoadBalancer IPs from the kind cluster's MetalLB, kube-proxy rules read in a kind node container")
@Order(3)
class ServicesIT {
    @RegisterExtension
    static final TestNamespace ns = new TestNamespace();
    static App app;
    static Toolbox box;

    @BeforeAll
    static void deploy() {
        app = new App(ns).deploy(3);
        applyHandWrittenServices(ns);
        box = Toolbox.start(ns, "client", null);
    }

    /** k8s/base/services.yaml without its fixed node port, which `make deploy` already owns. */
    static void applyHandWrittenServices(TestNamespace ns) {
        try (var in = new FileInputStream(Path.of(App.MANIFEST.getParent().getParent().toString(), "services.yaml").toFile())) {
            for (HasMetadata r : ns.client().load(in).items()) {
                if (r instanceof Service s && "NodePort".equals(s.getSpec().getType())) {
                    continue;
                }
                ns.client().resource(r).inNamespace(ns.name()).create();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void clusterIpSpreadsRequestsOverEveryReadyReplica() {
        var ready = names(app.readyPods());
        // With one ready replica every request lands on it, spread or not.
        assertThat(ready).as("ready replicas to spread over").hasSizeGreaterThan(1);

        var answered = new HashSet<>(box.podsAnswering("http://app-service/api/info", 30));

        assertThat(answered).as("pods that answered 30 requests to the ClusterIP").isEqualTo(ready);
    }

    @Test
    void nodePortIsReachableFromTheHost() {
        String url = app.exposeNodePort();

        String pod = RestAssured.get(url + "/api/info").then().statusCode(200).extract().path("pod");

        assertThat(names(app.readyPods())).contains(pod);
    }

    /** "LoadBalancer: automatically assigned an external IP" (MetalLB on kind, ServiceLB on k3s), and it answers. */
    @Test
    void loadBalancerGetsAnExternalIpThatAnswers() {
        long t0 = System.currentTimeMillis();
        String ip = await().atMost(Duration.ofMinutes(1)).until(() -> ns.client().services().inNamespace(ns.name())
                .withName("app-service-lb").get().getStatus().getLoadBalancer().getIngress().stream()
                .map(i -> i.getIp()).filter(a -> a != null && !a.isEmpty()).findFirst(), Optional::isPresent).get();
        Report.record("LoadBalancer external IP", Map.of("ip", ip, "assignedAfterMs", System.currentTimeMillis() - t0));

        String pod = box.getJson("http://" + ip + "/api/info").path("pod").asText();

        assertThat(names(app.readyPods())).contains(pod);
    }

    @Test
    void externalNameIsADnsAlias() {
        String cname = box.sh("dig +short app-service-external." + ns.name() + ".svc.cluster.local CNAME").trim();

        assertThat(cname).isEqualTo("kubernetes.default.svc.cluster.local.");
    }

    @Test
    void endpointSlicesFollowReadiness() {
        Pod victim = app.readyPods().get(0);
        String ip = victim.getStatus().getPodIP();

        long t0 = System.currentTimeMillis();
        app.admin(victim, "readiness/fail", null).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> endpointReady(ip).equals(Optional.of(false)));
        long removedMs = System.currentTimeMillis() - t0;
        // kube-proxy on each node rewrites its rules a moment after the EndpointSlice changes.
        String url = "http://app-service/api/info";
        String name = victim.getMetadata().getName();
        // No fixed time: kube-proxy batches its rule syncs and is slower under load (the report has the figure).
        await("kube-proxy on the toolbox's node stops sending traffic to " + name).atMost(Duration.ofSeconds(60))
                .until(() -> !box.podsAnswering(url, 10).contains(name));
        long noTrafficMs = System.currentTimeMillis() - t0;

        assertThat(box.podsAnswering(url, 20)).hasSize(20).doesNotContain(name);

        t0 = System.currentTimeMillis();
        app.admin(victim, "readiness/recover", null).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> endpointReady(ip).equals(Optional.of(true)));
        Report.record("readiness endpoint removal", Map.of("removedAfterMs", removedMs,
                "noTrafficAfterMs", noTrafficMs, "backAfterMs", System.currentTimeMillis() - t0));
    }

    /**
     * "kube-proxy maintains iptables rules": on a node, the Service's KUBE-SVC chain jumps to one
     * KUBE-SEP chain per ready endpoint; an endpoint that turns unready loses its jump.
     */
    @Test
    void kubeProxyKeepsOneEndpointChainPerReadyPod() {
        String node = box.node();
        int ready = app.readyPods().size();
        // kube-proxy rewrites its rules a moment after an endpoint changes (another test may just have changed one).
        await("one KUBE-SEP chain per ready pod (" + ready + ") on " + node).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250)).until(() -> endpointChains(node).size() == ready);
        Pod victim = app.readyPods().get(0);

        long t0 = System.currentTimeMillis();
        app.admin(victim, "readiness/fail", null).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> endpointChains(node).size() == ready - 1);
        long goneMs = System.currentTimeMillis() - t0;
        app.admin(victim, "readiness/recover", null).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> endpointChains(node).size() == ready);
        Report.record("kube-proxy endpoint chain", Map.of("removedAfterReadinessOffMs", goneMs));
    }

    /** The KUBE-SEP chains the app Service's KUBE-SVC chain jumps to, read from the node's NAT table. */
    static List<String> endpointChains(String node) {
        String nat = Shell.run("docker", "exec", node, "iptables-save", "-t", "nat");
        String svcChain = nat.lines().filter(l -> l.startsWith("-A KUBE-SERVICES ")
                        && l.contains("\"" + ns.name() + "/" + App.NAME + ":http cluster IP\""))
                .map(l -> l.substring(l.indexOf("-j ") + 3).trim()).findFirst()
                .orElseThrow(() -> new AssertionError("no KUBE-SERVICES rule for " + ns.name() + "/" + App.NAME + " on " + node));
        return nat.lines().filter(l -> l.startsWith("-A " + svcChain + " ") && l.contains("-j KUBE-SEP-"))
                .map(l -> l.substring(l.indexOf("-j KUBE-SEP-") + 3).trim()).toList();
    }

    /** The ready condition of the pod IP's endpoint in the app Service's EndpointSlices. */
    static Optional<Boolean> endpointReady(String ip) {
        return ns.client().discovery().v1().endpointSlices().inNamespace(ns.name())
                .withLabel("kubernetes.io/service-name", App.NAME).list().getItems().stream()
                .flatMap(s -> s.getEndpoints().stream())
                .filter(e -> e.getAddresses().contains(ip))
                .map(Endpoint::getConditions).map(c -> Boolean.TRUE.equals(c.getReady())).findFirst();
    }

    static java.util.Set<String> names(List<Pod> pods) {
        return new HashSet<>(pods.stream().map(p -> p.getMetadata().getName()).toList());
    }
}
