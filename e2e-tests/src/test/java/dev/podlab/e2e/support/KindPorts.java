package dev.podlab.e2e.support;

import java.util.Properties;

/**
 * The node ports k8s/kind/cluster.yaml maps to 127.0.0.1, named once in k8s/overlays/kind/ports.env:
 * {@code app} is the NodePort of the app `make deploy` runs, {@code spare} the tests' and lab 5's.
 */
public record KindPorts(int app, int spare) {
    private static final String FILE = "k8s/overlays/kind/ports.env";

    public static KindPorts read() {
        Properties ports = Repo.properties(FILE, "the node ports of the kind overlay");
        return new KindPorts(Integer.parseInt(ports.getProperty("APP_NODE_PORT")), Integer.parseInt(ports.getProperty("SPARE_NODE_PORT")));
    }
}
