package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document the server serves describes exactly its API's endpoints, each with the scope it needs. */
class OpenApiTest {

    @TempDir
    Path dir;

    @Test
    void theDocumentAndTheRoutesAreTheSameEndpointsWithTheSameScopes() throws Exception {
        try (ServerFixture fixture = new ServerFixture(dir)) {
            var answer = Http.send("GET", fixture.url() + "/api/openapi.json", fixture.adminToken());
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode document = new ObjectMapper().readTree(answer.body());
            assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");

            Set<String> documented = new HashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths =
                            document.path("paths").fields();
                    paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    String scope = op.getValue().path("x-gantry-scope").asText("none");
                    documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + scope);
                    if (scope.equals("none"))
                        assertThat(op.getValue().path("security").isArray()).isTrue();
                }
            }
            Set<String> served = new HashSet<>();
            for (Route route : fixture.server.routes()) {
                // The API is what the document describes; pages such as the login form are for browsers.
                if (!route.path().startsWith("/api/")) continue;
                served.add(route.method().name() + " " + route.path() + " "
                        + route.scope().map(s -> s.label()).orElse("none"));
            }
            assertThat(documented).isEqualTo(served);
            // Every action the audit log writes is one the document names.
            List<String> actions = new java.util.ArrayList<>();
            document.path("components")
                    .path("schemas")
                    .path("AuditEntry")
                    .path("properties")
                    .path("action")
                    .path("enum")
                    .forEach(a -> actions.add(a.asText()));
            assertThat(actions)
                    .containsExactlyElementsOf(java.util.Arrays.stream(dev.gantry.server.audit.AuditAction.values())
                            .map(Enum::name)
                            .toList());
            assertThat(fixture.server.routes())
                    .as("the dashboard's pages are served beside the API")
                    .anySatisfy(route -> assertThat(route.path()).isEqualTo("/"));
        }
    }
}
