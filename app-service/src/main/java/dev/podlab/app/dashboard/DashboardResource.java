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
    @Operation(summary = "Redirects to the live dashboard at /dashboard/")
    public Response dashboard() {
        return Response.seeOther(URI.create("/dashboard/")).build();
    }
}
