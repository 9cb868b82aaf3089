package dev.podlab.app.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiTest {

    @Test
    void documentListsTheApiWithSummariesAndTheErrorSchema() {
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
                .body("paths.'/api/info'.get.summary", notNullValue())
                .body("paths.'/admin/latency'.post.responses", hasKey("400"))
                // The chaos guard's answers, on the API and on the dashboard's proxy to it (ChaosActionsInOpenApi).
                .body("paths.'/admin/state'.get.responses", hasKey("401"))
                .body("paths.'/api/pods/{name}/admin/{action}'.post.responses", hasKey("415"))
                .body("paths.'/api/pods/{name}/admin/{action}'.post.responses.'403'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/Error"))
                .body("components.schemas", hasKey("Error"))
                .body("components.schemas", hasKey("Info"));
    }
}
