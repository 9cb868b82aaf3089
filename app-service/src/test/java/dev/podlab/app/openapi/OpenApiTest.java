package dev.podlab.app.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static JsonPath document() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void documentListsTheApiAndTheErrorSchema() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/"))
                .body("paths", hasKey("/api/info"))
                .body("paths", hasKey("/admin/state"))
                .body("paths", hasKey("/admin/latency"))
                .body("paths", hasKey("/admin/errors"))
                .body("paths", hasKey("/admin/hang"))
                .body("paths", hasKey("/admin/crash"))
                .body("paths", hasKey("/admin/reset"))
                .body("paths", hasKey("/admin/{probe}/{action}"))
                .body("paths.'/admin/latency'.post.responses", hasKey("400"))
                // The chaos guard's answers, on the API and on the dashboard's proxy to it (ChaosActionsInOpenApi).
                .body("paths.'/admin/state'.get.responses", hasKey("401"))
                .body("paths.'/api/pods/{name}/admin/{action}'.post.responses", hasKey("415"))
                .body("paths.'/api/pods/{name}/admin/{action}'.post.responses.'403'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/Error"))
                // Each level's own operation, and the state's schema, written from ChaosSwitch.
                .body("paths.'/admin/latency'.post.requestBody.content.'application/json'.schema.properties.ms.maximum", equalTo(60000))
                .body("paths.'/admin/errors'.post.requestBody.content.'application/json'.schema.required", hasItem("percent"))
                .body("components.schemas.ChaosState.required", hasItems("readinessFailed", "livenessFailed", "latencyMs",
                        "errorPercent", "hanging"))
                .body("components.schemas", hasKey("Error"))
                .body("components.schemas", hasKey("Info"));
    }

    @Test
    void everyOperationHasASummary() {
        Map<String, Map<String, Object>> paths = document().getMap("paths");
        List<String> operations = new ArrayList<>();
        List<String> withoutSummary = new ArrayList<>();
        paths.forEach((path, item) -> item.forEach((key, value) -> {
            if (METHODS.contains(key)) { // a path item may also hold "parameters"
                operations.add(key + " " + path);
                if (!(value instanceof Map<?, ?> operation && operation.get("summary") instanceof String summary
                        && !summary.isBlank())) {
                    withoutSummary.add(key + " " + path);
                }
            }
        }));
        assertThat(operations).as("operations in the document").hasSizeGreaterThan(10);
        assertThat(withoutSummary).as("operations without a summary").isEmpty();
    }
}
