package dev.orfeas.generate.studio;

import dev.orfeas.generate.SharedAppIntegrationTest;
import dev.orfeas.generate.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /meshes/{id}/files/{name}}, the studio's way to the stored files on its own origin: the bytes the
 * presigned URL gives, the stored media type and name; names the mesh does not list are 404 problems.
 */
class MeshFilesIntegrationTests extends SharedAppIntegrationTest {

    @Test
    void everyStoredFileOfAnObjMeshComesThroughTheAppWithItsTypeAndDownloadName() throws Exception {
        JsonNode view = json(postImage("/generate?quality=draft&format=obj", TestImages.discPng(80, 11),
                "image/png", "application/json"));
        String id = view.get("id").asString();

        assertThat(view.get("files")).hasSize(3);
        for (JsonNode file : view.get("files")) {
            var response = getWithKey("/meshes/" + id + "/files/" + file.get("name").asString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(download(file.get("url").asString()));
            assertThat(response.headers().firstValue("content-type").orElseThrow())
                    .startsWith(file.get("mediaType").asString());
            assertThat(response.headers().firstValue("content-disposition").orElseThrow())
                    .isEqualTo("attachment; filename=\"" + file.get("name").asString() + "\"");
            assertThat(response.headers().firstValue("cache-control").orElseThrow()).contains("private");
        }
    }

    @Test
    void filesNeedTheApiKey() throws Exception {
        String id = json(postImage("/generate?quality=draft", TestImages.discPng(72, 12), "image/png",
                "application/json")).get("id").asString();

        var anonymous = get("/meshes/" + id + "/files/model.glb", java.util.Map.of());

        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"meta.json", "source.png", "model.obj", "..%2Fmeta.json", "model.glb%00", "%2e%2e"})
    void aNameTheMeshDoesNotListIsANotFoundProblem(String name) throws Exception {
        String id = json(postImage("/generate?quality=draft", TestImages.discPng(72, 12), "image/png",
                "application/json")).get("id").asString();

        var response = getWithKey("/meshes/" + id + "/files/" + name);

        assertThat(response.statusCode()).as(name).isBetween(400, 404);
        assertThat(response.headers().firstValue("content-type").orElseThrow())
                .startsWith("application/problem+json");
    }

    @Test
    void anUnknownMeshIsANotFoundProblem() throws Exception {
        var response = getWithKey("/meshes/0123456789abcdef0123456789abcdef/files/model.glb");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("type").asString()).endsWith("not-found");
    }
}
