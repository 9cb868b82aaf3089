package dev.podlab.app.chaos;

import java.util.Arrays;
import java.util.List;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/** Writes the chaos actions into the OpenAPI document from {@link ChaosAction}, their one home. */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ChaosActionsInOpenApi implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI api) {
        List<String[]> probeActions = Arrays.stream(ChaosAction.values()).map(ChaosAction::path)
                .filter(p -> p.contains("/")).map(p -> p.split("/")).toList();
        enumerate(api, "/admin/{probe}/{action}", "probe", probeActions.stream().map(p -> p[0]).distinct().toList());
        enumerate(api, "/admin/{probe}/{action}", "action", probeActions.stream().map(p -> p[1]).distinct().toList());
        enumerate(api, "/api/pods/{name}/admin/{action}", "action",
                Arrays.stream(ChaosAction.values()).map(ChaosAction::path).toList());
    }

    private static void enumerate(OpenAPI api, String path, String parameter, List<String> values) {
        PathItem item = api.getPaths() == null ? null : api.getPaths().getPathItem(path);
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
}
