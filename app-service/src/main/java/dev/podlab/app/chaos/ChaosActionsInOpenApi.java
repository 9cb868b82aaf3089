package dev.podlab.app.chaos;

import java.math.BigDecimal;
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
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Writes the chaos contract into the OpenAPI document from its one home, {@link ChaosSwitch} and
 * {@link ChaosAction}: the state's schema, an operation for each level, the paths each
 * path parameter may take, and on every operation under an {@code /admin/} path (the chaos API and
 * the dashboard's proxy to it) the answers of {@link ChaosGuard} and of the actions' checks, so
 * that no resource repeats them.
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
        api.getComponents().addSchema(ChaosSwitches.STATE_SCHEMA, state());
        ChaosSwitch.levels().forEach(level -> api.getPaths().addPathItem("/admin/" + level.path(), levelPath(level)));
        enumerate(api, "/admin/{probe}/{action}", "probe", ChaosSwitch.flags().stream().map(ChaosSwitch::path).toList());
        enumerate(api, "/admin/{probe}/{action}", "action", List.of(ChaosSwitch.FAIL, ChaosSwitch.RECOVER));
        enumerate(api, "/api/pods/{name}/admin/{action}", "action", ChaosAction.PATHS);
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

    /** Each switch under its key, and whether a hang is on: what every chaos call answers. */
    private static Schema state() {
        Schema state = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("The current chaos switches");
        for (ChaosSwitch which : ChaosSwitch.values()) {
            state.addProperty(which.key(), which.flag() ? OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN)
                    : integer(which.max())).addRequired(which.key());
        }
        return state.addProperty(ChaosSwitches.HANGING, OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN)
                .description("Worker pool blocked by POST /admin/hang")).addRequired(ChaosSwitches.HANGING);
    }

    /** POST /admin/{path} with {"field": 0..max}; ChaosResource's one method for levels serves it. */
    private static PathItem levelPath(ChaosSwitch level) {
        Schema body = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty(level.field(), integer(level.max())).addRequired(level.field());
        return OASFactory.createPathItem().POST(OASFactory.createOperation().summary(level.summary())
                .requestBody(OASFactory.createRequestBody().required(true).content(json(body)))
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse()
                        .description("Set").content(json(OASFactory.createSchema().ref(ChaosSwitches.STATE_SCHEMA))))));
    }

    private static Schema integer(int max) {
        return OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                .minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(max));
    }

    private static Content json(Schema schema) {
        return OASFactory.createContent().addMediaType(MediaType.APPLICATION_JSON, OASFactory.createMediaType().schema(schema));
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
                .content(json(OASFactory.createSchema().ref(ErrorBody.SCHEMA))));
    }
}
