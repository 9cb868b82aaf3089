package dev.podlab.app.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What an API call's failure means for the cluster view, in one line. */
final class ApiErrors {

    private ApiErrors() {
    }

    /** The HTTP status of the API server's answer, or 0 when there was none. */
    static int code(Throwable e) {
        return e instanceof KubernetesClientException k ? k.getCode() : 0;
    }

    static boolean forbidden(Throwable e) {
        return code(e) == 403;
    }

    /** The API server's own message for a 403, else the exception's. */
    static String message(Throwable e) {
        if (forbidden(e) && ((KubernetesClientException) e).getStatus() != null) {
            return ((KubernetesClientException) e).getStatus().getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
