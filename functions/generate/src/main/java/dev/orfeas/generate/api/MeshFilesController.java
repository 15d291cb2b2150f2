package dev.orfeas.generate.api;

import dev.orfeas.generate.generation.MeshMeta;
import dev.orfeas.generate.generation.MeshService;
import dev.orfeas.generate.problem.Problems;
import dev.orfeas.storage.ObjectStore;
import dev.orfeas.web.ProblemException;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * {@code GET /meshes/{id}/files/{name}}: one stored file of a published mesh, through the app. The presigned URLs
 * of {@code GET /meshes/{id}} name the object store, another origin; a browser page under a {@code connect-src
 * 'self'} policy (the studio) and clients that cannot reach the store read the files here. Only the names the
 * mesh's meta.json lists are served: anything else is a 404, never an object key built from the request.
 */
@RestController
class MeshFilesController {

    private final MeshService meshes;
    private final ObjectStore store;

    MeshFilesController(MeshService meshes, ObjectStore store) {
        this.meshes = meshes;
        this.store = store;
    }

    @GetMapping("/meshes/{id}/files/{name}")
    ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String name) {
        MeshMeta meta = meshes.find(id)
                .orElseThrow(() -> new ProblemException(Problems.NOT_FOUND, "no mesh with id '" + id + "'"));
        MeshMeta.FileRef file = meta.files().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new ProblemException(Problems.NOT_FOUND,
                        "mesh '" + id + "' has no file '" + name + "'"));
        byte[] bytes = store.get(store.properties().buckets().meshes(), file.key())
                .orElseThrow(() -> new IllegalStateException("mesh " + id + " lost its file " + file.key()))
                .bytes();
        // a mesh id is the hash of image + options: its files never change, but they are behind the API key
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name())
                        .build().toString())
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                .eTag("\"" + id + "/" + file.name() + "\"")
                .body(bytes);
    }
}
