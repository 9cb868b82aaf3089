package dev.podlab.app.chaos;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.podlab.app.error.ErrorBody;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Writes the chaos contract into the OpenAPI document: the actions from {@link ChaosAction}, their
 * one home, and on every operation under an {@code /admin/} path (the chaos API and the
 * dashboard's proxy to it) the answers of {@link ChaosGuard} and of the actions' checks, so that
 * no resource repeats them.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ChaosActionsInOpenApi implements OASFilter {

    private static final List<Map.Entry<String, String>> GUARDED_ANSWERS = List.of(
            Map.entry("400", "Unknown action or invalid body"),
            Map.entry("401", "Token configured and " + ChaosSettings.TOKEN_HEADER + " missing or wrong"),
            Map.entry("403", "Chaos API disabled (PODLAB_CHAOS_ENABLED is not true)"));
    private static final Map.Entry<String, String> POST_ANSWER = Map.entry("415",
            "POST with a body that is not JSON, or with neither Content-Type: application/json nor " + ChaosSettings.TOKEN_HEADER);

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        List<String[]> probeActions = Arrays.stream(ChaosAction.values()).map(ChaosAction::path)
                .filter(p -> p.contains("/")).map(p -> p.split("/")).toList();
        enumerate(api, "/admin/{probe}/{action}", "probe", probeActions.stream().map(p -> p[0]).distinct().toList());
        enumerate(api, "/admin/{probe}/{action}", "action", probeActions.stream().map(p -> p[1]).distinct().toList());
        enumerate(api, "/api/pods/{name}/admin/{action}", "action",
                Arrays.stream(ChaosAction.values()).map(ChaosAction::path).toList());
        api.getPaths().getPathItems().forEach((path, item) -> {
            if (path.contains("/admin/")) {
                item.getOperations().forEach((method, operation) -> {
                    GUARDED_ANSWERS.forEach(answer -> addError(operation.getResponses(), answer));
                    if (method == PathItem.HttpMethod.POST) {
                        addError(operation.getResponses(), POST_ANSWER);
                    }
                });
            }
        });
    }

    private static void enumerate(OpenAPI api, String path, String parameter, List<String> values) {
        PathItem item = api.getPaths().getPathItem(path);
        if (item == null) {
            return;
        }
        for (Operation operation : item.getOperations().values()) {
            if (operation.getParameters() == null) {
                continue;
            }
            operation.getParameters().stream().filter(p -> parameter.equals(p.getName()) && p.getSchema() != null)
                    .forEach(p -> p.getSchema().setEnumeration(List.copyOf(values)));
        }
    }

    /** An error answer with {@link ErrorBody}; it replaces the bare 400 Quarkus adds to operations with a body. */
    private static void addError(APIResponses responses, Map.Entry<String, String> answer) {
        responses.addAPIResponse(answer.getKey(), OASFactory.createAPIResponse().description(answer.getValue())
                .content(OASFactory.createContent().addMediaType(MediaType.APPLICATION_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ErrorBody.SCHEMA)))));
    }
}
