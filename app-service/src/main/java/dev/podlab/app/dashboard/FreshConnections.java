package dev.podlab.app.dashboard;

import dev.podlab.app.pod.PodIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The dashboard's traffic asks for {@code /api/info?via=dashboard}. Those answers close the
 * connection: a browser keeps its connection alive and a Service picks a pod per connection, not
 * per request, so without this all the page's traffic would stick to one pod, unlike many
 * clients'. They also name the pod in {@code X-Podlab-Pod}, so an injected error still says where
 * it came from.
 */
public class FreshConnections {

    static final String PARAM = "via";
    static final String VALUE = "dashboard";

    @Inject
    PodIdentity identity;

    @ServerResponseFilter
    public void close(ContainerRequestContext request, ContainerResponseContext response) {
        if (VALUE.equals(request.getUriInfo().getQueryParameters().getFirst(PARAM))) {
            response.getHeaders().putSingle("Connection", "close");
            response.getHeaders().putSingle("X-Podlab-Pod", identity.pod());
        }
    }
}
