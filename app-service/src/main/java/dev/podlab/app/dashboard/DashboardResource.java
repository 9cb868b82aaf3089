package dev.podlab.app.dashboard;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The dashboard's page is static (META-INF/resources/dashboard/): this only sends /dashboard to
 * /dashboard/, so the page's relative links work either way.
 */
@Path("/dashboard")
public class DashboardResource {

    @GET
    // A browser convenience, not API: left out of the OpenAPI document (and so of the fuzz run).
    @Operation(hidden = true)
    public Response dashboard() {
        return Response.seeOther(URI.create("/dashboard/")).build();
    }
}
