package dev.podlab.app.chaos;

/** The probes the chaos API can fail and recover; lower case because they are path segments. */
enum Probe {
    readiness, liveness
}
