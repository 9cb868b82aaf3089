package dev.podlab.workshop.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podlab.testsupport.BrowserSession;
import dev.podlab.testsupport.Chromium;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The workshop on the real cluster (KUBE_CONTEXT, default podlab's kind cluster), through
 * hack/workshop.sh as `make workshop-*` runs it. One class of three attendees serves most tests;
 * pods start once. A missing cluster fails here, loudly.
 */
@TestMethodOrder(OrderAnnotation.class)
class WorkshopIT {
    @RegisterExtension
    static final BrowserSession chromium = new BrowserSession();
    private static final String A = "it-alice";
    private static final String B = "it-bob";
    private static final String C = "it-carol";
    private static final List<String> THIRTY = IntStream.rangeClosed(1, 30).mapToObj(i -> "it30-%02d".formatted(i)).toList();
    private static final List<String> EVERY = concat(List.of(A, B, C, "it-yan", "it-zed"), THIRTY);
    private static final Map<String, String> CLASS = Map.of("ATTENDEES", A + " " + B + " " + C);

    private static KubernetesClient admin;
    private static Attendee alice;
    private static Attendee bob;

    @BeforeAll
    static void classUp() {
        admin = new KubernetesClientBuilder().withConfig(Config.autoConfigure(Attendee.CONTEXT)).build();
        try {
            admin.getKubernetesVersion();
        } catch (RuntimeException e) {
            throw new IllegalStateException("No cluster answers through kube context " + Attendee.CONTEXT
                    + ": `make deploy` first (cluster and images)", e);
        }
        removeLeftovers();
        WorkshopCli.Run up = WorkshopCli.ok(CLASS, "up");
        assertThat(up.out()).contains("3 attendee(s) made").contains("isolation: enforced");
        alice = new Attendee(A);
        bob = new Attendee(B);
    }

    @AfterAll
    static void classDown() {
        if (alice != null) {
            alice.close();
            bob.close();
        }
        removeLeftovers();
        var attendees = admin.namespaces().withLabel("podlab.dev/attendee").list().getItems();
        assertThat(attendees).extracting(n -> n.getMetadata().getName()).noneMatch(n -> EVERY.contains(n.substring(3)));
        if (attendees.isEmpty()) { // no class of anyone else's here: the whole workshop goes, as `make workshop-down` does
            WorkshopCli.ok(Map.of(), "down");
            assertThat(admin.rbac().clusterRoles().withLabel("app.kubernetes.io/part-of", "podlab-workshop").list().getItems()).isEmpty();
            assertThat(admin.rbac().clusterRoleBindings().withLabel("app.kubernetes.io/part-of", "podlab-workshop").list().getItems()).isEmpty();
            assertThat(admin.namespaces().withLabel("app.kubernetes.io/part-of", "podlab-workshop").list().getItems()).isEmpty();
        }
        admin.close();
    }

    /** Whatever a test or an earlier killed run left of this test's attendees. */
    private static void removeLeftovers() {
        WorkshopCli.ok(Map.of("ATTENDEES", String.join(" ", EVERY)), "down");
        admin.rbac().clusterRoleBindings().withName("podlab-workshop-it-zed-nodes").delete();
    }

    @Test
    @Order(1)
    void kubeconfigIsPrivateAndPointsAtTheAttendeesNamespace() throws Exception {
        assertThat(Files.getPosixFilePermissions(alice.kubeconfigPath())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(alice.client.getNamespace()).isEqualTo("ws-" + A);
        assertThat(alice.client.getMasterUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(alice.client.getMasterUrl().getPort()).isEqualTo(admin.getMasterUrl().getPort());
    }

    @Test
    @Order(2)
    void attendeeWorksInOwnNamespace() {
        alice.web();
        alice.toolbox();
        assertThat(alice.client.pods().list().getItems()).hasSize(2);
        assertThat(alice.client.pods().withName("toolbox").getLog()).isNotNull();
        alice.client.resource(new ConfigMapBuilder().withNewMetadata().withName("notes").endMetadata()
                .addToData("k", "v").build()).create();
        assertThat(alice.client.discovery().v1().endpointSlices().list().getItems()).isNotEmpty();
        assertThat(alice.client.v1().events().list()).isNotNull();
        // Its own Service, from its own pod: retried, as a new pod's traffic may be dropped for seconds.
        assertThat(alice.answers("http://web/", 40, true)).as("alice's toolbox reaches alice's own Service").isEqualTo(1);
    }

    @Test
    @Order(3)
    void attendeeCannotTouchOthersOrTheirOwnFences() {
        KubernetesClient a = alice.client;
        forbidden("list pods in ws-it-bob", () -> a.pods().inNamespace("ws-" + B).list());
        forbidden("create a ConfigMap in ws-it-bob", () -> a.configMaps().inNamespace("ws-" + B)
                .resource(new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata().build()).create());
        forbidden("read podlab's Secrets", () -> a.secrets().inNamespace("podlab").list());
        forbidden("read kube-system's Secrets", () -> a.secrets().inNamespace("kube-system").list());
        forbidden("read Secrets in its own namespace", () -> a.secrets().list());
        forbidden("create a namespace", () -> a.namespaces()
                .resource(new NamespaceBuilder().withNewMetadata().withName("it-alice-own").endMetadata().build()).create());
        forbidden("change its own quota", () -> a.resourceQuotas().withName("attendee")
                .edit(q -> { q.getSpec().getHard().put("pods", new Quantity("100")); return q; }));
        forbidden("delete its own LimitRange", () -> a.limitRanges().withName("attendee").delete());
        forbidden("read its own RoleBinding", () -> a.rbac().roleBindings().withName("attendee").get());
        forbidden("bind itself to cluster-admin", () -> a.rbac().roleBindings().resource(new RoleBindingBuilder()
                .withNewMetadata().withName("more").endMetadata().withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
                .addNewSubject().withKind("ServiceAccount").withName("attendee").withNamespace("ws-" + A).endSubject().build()).create());
        forbidden("delete its own NetworkPolicy", () -> a.network().networkPolicies().withName("attendee-isolation").delete());
        forbidden("label a node", () -> a.nodes().withName(a.nodes().list().getItems().get(0).getMetadata().getName())
                .edit(n -> { n.getMetadata().getLabels().put("podlab.dev/it", "x"); return n; }));
        // what it may read of its fences, it can
        assertThat(a.network().networkPolicies().withName("attendee-isolation").get()).isNotNull();
        assertThat(a.resourceQuotas().withName("attendee").get()).isNotNull();
    }

    @Test
    @Order(4)
    void attendeeReadsNodesAndTheirMetricsAndKubeSystemPods() {
        assertThat(alice.client.nodes().list().getItems()).isNotEmpty();
        // `kubectl top node`: the authorizer's answer, then the call itself with the attendee's token.
        var review = alice.client.authorization().v1().selfSubjectAccessReview().create(
                new SelfSubjectAccessReviewBuilder().withNewSpec()
                        .withNewResourceAttributes().withGroup("metrics.k8s.io").withResource("nodes").withVerb("list")
                        .endResourceAttributes().endSpec().build());
        assertThat(review.getStatus().getAllowed()).as("may list node metrics").isTrue();
        assertThat(alice.client.top().nodes().metrics().getItems()).as("kubectl top node").isNotEmpty();
        assertThat(alice.client.pods().inNamespace("kube-system").list().getItems()).isNotEmpty();
        assertThat(alice.client.apps().daemonSets().inNamespace("kube-system").list().getItems()).isNotEmpty();
    }

    @Test
    @Order(5)
    void quotaRefusesAnOversizedPodAndLimitRangeFillsDefaults() {
        Pod big = Attendee.bare("big", Attendee.TOOLBOX_IMAGE);
        big.getSpec().getContainers().get(0).setResources(new ResourceRequirementsBuilder()
                .addToRequests("cpu", new Quantity("64")).addToLimits("cpu", new Quantity("64")).build());
        assertThatThrownBy(() -> alice.client.resource(big).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getMessage()).contains("exceeded quota: attendee").contains("requested: limits.cpu=64,requests.cpu=64");
                });
        Pod toolbox = alice.client.pods().withName("toolbox").get();
        var resources = toolbox.getSpec().getContainers().get(0).getResources();
        assertThat(resources.getRequests()).containsEntry("cpu", new Quantity("10m")).containsEntry("memory", new Quantity("64Mi"));
        assertThat(resources.getLimits()).containsEntry("cpu", new Quantity("500m")).containsEntry("memory", new Quantity("256Mi"));
    }

    @Test
    @Order(6)
    void podSecurityKeepsAttendeesOffTheHost() {
        Pod privileged = new PodBuilder(Attendee.bare("root", Attendee.TOOLBOX_IMAGE)).editSpec().editFirstContainer()
                .withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer().endSpec().build();
        Pod hostNetwork = new PodBuilder(Attendee.bare("hostnet", Attendee.TOOLBOX_IMAGE)).editSpec().withHostNetwork(true).endSpec().build();
        Pod hostPath = new PodBuilder(Attendee.bare("hostpath", Attendee.TOOLBOX_IMAGE)).editSpec().addNewVolume().withName("root")
                .withNewHostPath().withPath("/").endHostPath().endVolume().endSpec().build();
        for (Pod pod : List.of(privileged, hostNetwork, hostPath)) {
            assertThatThrownBy(() -> alice.client.resource(pod).create()).as(pod.getMetadata().getName())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("violates PodSecurity \"baseline:latest\"");
                    });
        }
    }

    /** Live traffic: B's own pod reaches B's Service; A's pod, which reaches its own, does not reach B's. */
    @Test
    @Order(7)
    void anotherAttendeesPodCannotReachMyService() {
        bob.web();
        bob.toolbox();
        String bobsService = "http://web.ws-" + B + ".svc/";
        assertThat(bob.answers(bobsService, 40, true)).as("bob's own pod reaches bob's Service").isEqualTo(1);
        assertThat(alice.answers("http://web/", 40, true)).as("alice's pod reaches the network at all").isEqualTo(1);
        String bobsPod = "http://" + bob.client.pods().withLabel("app", "web").list().getItems().get(0).getStatus().getPodIP() + ":8080/";
        assertThat(alice.answers(bobsService, 10, false)).as("answers alice got from bob's Service in 10 tries").isZero();
        assertThat(alice.answers(bobsPod, 4, false)).as("answers alice got from bob's pod IP in 4 tries").isZero();
    }

    @Test
    @Order(8)
    void tokenExpiresAfterTheHoursAsked() throws Exception {
        String token = alice.client.getConfiguration().getAutoOAuthToken();
        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        long lifetime = claims.get("exp").asLong() - claims.get("iat").asLong();
        assertThat(lifetime).isBetween(WorkshopCli.HOURS * 3600L - 60, WorkshopCli.HOURS * 3600L);
        String annotated = admin.serviceAccounts().inNamespace("ws-" + A).withName("attendee").get()
                .getMetadata().getAnnotations().get("podlab.dev/token-expires");
        assertThat(Instant.parse(annotated).getEpochSecond()).isCloseTo(claims.get("exp").asLong(),
                within(5L));
    }

    /**
     * A lab check's result, written as the attendee (their kubeconfig: attendees may), shows on the
     * board that workshop-up deployed and left Ready, within 5 s (read through a port-forward to its pod).
     */
    @Test
    @Order(9)
    void theBoardShowsACheckResult() throws Exception {
        var board = admin.apps().deployments().inNamespace("podlab-workshop").withName("workshop-board").get();
        assertThat(board.getStatus().getReadyReplicas()).as("the board's ready replicas after workshop-up").isEqualTo(1);
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newHttpClient();
        // To the pod's own port: fabric8's Service port-forward does not map the Service's port to its targetPort.
        String pod = admin.pods().inNamespace("podlab-workshop").withLabel("app.kubernetes.io/name", "workshop-board").list()
                .getItems().getFirst().getMetadata().getName();
        try (var forward = admin.pods().inNamespace("podlab-workshop").withName(pod).portForward(8080)) {
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + forward.getLocalPort() + "/api/board")).build();
            String since = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            long start = System.nanoTime();
            alice.client.resource(new ConfigMapBuilder().withNewMetadata().withName("lab-result-3")
                    .addToLabels("podlab.dev/lab", "3").addToLabels("app.kubernetes.io/part-of", "podlab-workshop")
                    .addToLabels("podlab.dev/attendee", A).endMetadata()
                    .addToData("passed", "2").addToData("total", "5").addToData("since", since).build()).create();
            JsonNode shown = null;
            while (shown == null && System.nanoTime() - start < 5_000_000_000L) {
                JsonNode answer = json.readTree(http.send(get, HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode a : answer.get("attendees")) {
                    if (a.get("name").asText().equals(A) && a.get("labs").has("3")) {
                        shown = a;
                    }
                }
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(shown).as("alice's lab 3 on the board %.1f s after she wrote it", seconds).isNotNull();
            System.out.printf("WORKSHOP-IT board: a check's result showed after %.1f s%n", seconds);
            assertThat(shown.get("namespace").asText()).isEqualTo("ws-" + A);
            assertThat(shown.at("/labs/3/passed").asInt()).isEqualTo(2);
            assertThat(shown.at("/labs/3/total").asInt()).isEqualTo(5);
            assertThat(Instant.parse(shown.at("/labs/3/since").asText())).isEqualTo(Instant.parse(since));
            assertThat(shown.get("current").asInt()).isEqualTo(3);
            assertThat(shown.get("stuck").asBoolean()).isFalse();
            assertThat(shown.get("pods")).extracting(p -> p.get("name").asText()).contains("toolbox");

            // The page, as the projector shows it: alice's lab 3 cell, within 5 s of opening.
            ChromeDriver browser = chromium.browser();
            browser.get("http://127.0.0.1:" + forward.getLocalPort() + "/");
            String cell = "const c = document.querySelector(\"#grid tr[data-attendee='" + A + "'] td[data-lab='3']\");"
                    + " return c ? c.innerText : null";
            Chromium.waitUpTo(browser, Duration.ofSeconds(5)).until(d -> String.valueOf(browser.executeScript(cell)).startsWith("2/5"));
            Chromium.screenshot(browser, "workshop-it-board-1280x720");
            assertThat(browser.findElements(By.cssSelector("#grid tbody tr")).stream().map(r -> r.getDomAttribute("data-attendee")))
                    .contains(A, B, C);
        } finally {
            alice.client.configMaps().withName("lab-result-3").delete();
        }
    }

    @Test
    @Order(10)
    void statusShowsEachAttendee() {
        admin.resource(new ConfigMapBuilder().withNewMetadata().withName("lab-result-3").withNamespace("ws-" + A)
                .addToLabels("podlab.dev/lab", "3").endMetadata().addToData("passed", "2").addToData("total", "5").build()).create();
        String status = WorkshopCli.ok(Map.of(), "status").out();
        assertThat(status.lines().filter(l -> l.startsWith(A + " "))).singleElement().asString()
                .contains("ws-" + A).contains("2/2").contains("2/5");
        assertThat(status).contains(B + " ").contains(C + " ").contains("L9");
    }

    @Test
    @Order(11)
    void reRunKeepsExistingAttendeesAsTheyAre() throws Exception {
        String before = Files.readString(alice.kubeconfigPath());
        WorkshopCli.Run again = WorkshopCli.ok(CLASS, "up");
        assertThat(again.out()).contains("0 attendee(s) made, 3 kept as they were");
        assertThat(Files.readString(alice.kubeconfigPath())).isEqualTo(before);
        assertThat(alice.client.pods().list().getItems()).hasSize(2);
    }

    @Test
    @Order(12)
    void removedAttendeesKubeconfigGets401() {
        try (Attendee carol = new Attendee(C)) {
            assertThat(carol.client.pods().list().getItems()).isEmpty();
            WorkshopCli.ok(Map.of("ATTENDEES", C), "down");
            assertThat(carol.kubeconfigPath()).doesNotExist();
            long deadline = System.nanoTime() + 30_000_000_000L;
            int code = 0;
            while (code != 401 && System.nanoTime() < deadline) {
                try {
                    carol.client.nodes().list();
                } catch (KubernetesClientException e) {
                    code = e.getCode();
                }
                sleep();
            }
            assertThat(code).as("status of carol's calls 30 s after removal").isEqualTo(401);
        }
        assertThat(alice.client.pods().list().getItems()).as("the others are untouched").hasSize(2);
    }

    @Test
    @Order(13)
    void badRosterIsRefusedWithNothingMade() throws Exception {
        WorkshopCli.Run bad = WorkshopCli.run(Map.of("ATTENDEES", "it-yan It_Zed"), "up");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("ATTENDEES word 2: \"It_Zed\": not a DNS-1123 label");
        var file = Files.createTempFile("roster", ".txt");
        Files.write(file, List.of("# the class", "it-yan", "it-yan"));
        WorkshopCli.Run dup = WorkshopCli.run(Map.of("ATTENDEES_FILE", file.toString()), "up");
        assertThat(dup.exit()).isEqualTo(2);
        assertThat(dup.err()).contains(file + " line 3: \"it-yan\": duplicate of " + file + " line 2");
        Files.write(file, List.of("# nobody yet"));
        assertThat(WorkshopCli.run(Map.of("ATTENDEES_FILE", file.toString()), "up").err()).contains("the roster is empty");
        Files.delete(file);
        assertNothingOf("it-yan", "it-zed");
    }

    /** A refusal part-way (a conflicting object the workshop did not make) leaves nothing of the run behind. */
    @Test
    @Order(14)
    void refusalPartWayIsRolledBack() {
        admin.resource(new ClusterRoleBindingBuilder().withNewMetadata().withName("podlab-workshop-it-zed-nodes").endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "view").build()).create();
        try {
            WorkshopCli.Run up = WorkshopCli.run(Map.of("ATTENDEES", "it-yan it-zed"), "up");
            assertThat(up.exit()).isEqualTo(1);
            assertThat(up.err()).contains("refused ClusterRoleBinding podlab-workshop-it-zed-nodes").contains("rolled back");
            assertNothingOf("it-yan", "it-zed");
            assertThat(alice.client.pods().list().getItems()).as("the class is untouched").hasSize(2);
        } finally {
            admin.rbac().clusterRoleBindings().withName("podlab-workshop-it-zed-nodes").delete();
        }
    }

    @Test
    @Order(15)
    void thirtyAttendeesComeUpAndGoDown() throws Exception {
        Map<String, String> thirty = Map.of("ATTENDEES", String.join(" ", THIRTY));
        WorkshopCli.Run up = WorkshopCli.ok(thirty, "up");
        assertThat(up.out()).contains("30 attendee(s) made");
        assertThat(admin.namespaces().withLabel("podlab.dev/attendee").list().getItems())
                .extracting(n -> n.getMetadata().getName()).containsAll(THIRTY.stream().map(n -> "ws-" + n).toList());
        try (Attendee last = new Attendee(THIRTY.get(29))) {
            assertThat(last.client.pods().list().getItems()).isEmpty();
            forbidden("the 30th reads the 1st", () -> last.client.pods().inNamespace("ws-" + THIRTY.get(0)).list());
        }
        WorkshopCli.Run down = WorkshopCli.ok(thirty, "down");
        assertThat(down.out()).contains("removed 30 attendee(s)");
        assertNothingOf(THIRTY.toArray(String[]::new));
        System.out.printf("WORKSHOP-IT thirty: up %.1f s (%s), down %.1f s%n", up.seconds(),
                up.out().lines().filter(l -> l.startsWith("WORKSHOP_UP_SECONDS")).findFirst().orElse("?"), down.seconds());
    }

    private static void assertNothingOf(String... names) {
        assertThat(admin.namespaces().withLabelIn("podlab.dev/attendee", names).list().getItems()).isEmpty();
        assertThat(admin.rbac().clusterRoleBindings().withLabelIn("podlab.dev/attendee", names).list().getItems()).isEmpty();
        assertThat(admin.rbac().roleBindings().inAnyNamespace().withLabelIn("podlab.dev/attendee", names).list().getItems()).isEmpty();
        for (String n : names) {
            assertThat(admin.namespaces().withName("ws-" + n).get()).as("ws-" + n).isNull();
            assertThat(WorkshopCli.DIR.resolve(n + ".kubeconfig")).doesNotExist();
        }
    }

    private static void forbidden(String what, Executable call) {
        KubernetesClientException refused = null;
        try {
            call.execute();
        } catch (KubernetesClientException e) {
            refused = e;
        } catch (Throwable t) {
            throw new AssertionError(what + " failed otherwise than with 403", t);
        }
        assertThat(refused).as("the attendee could " + what).isNotNull();
        assertThat(refused.getCode()).as(what + ": " + refused.getMessage()).isEqualTo(403);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
