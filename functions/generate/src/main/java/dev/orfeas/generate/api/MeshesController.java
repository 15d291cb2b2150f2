package dev.orfeas.generate.api;

import dev.orfeas.generate.problem.Problems;
import dev.orfeas.web.ProblemException;
import dev.orfeas.generate.generation.MeshLayout;
import dev.orfeas.generate.generation.MeshService;
import dev.orfeas.storage.ObjectStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code GET /meshes} (published meshes, newest first, paged) and {@code GET /meshes/{id}} (metadata + fresh presigned URLs). */
@RestController
class MeshesController {

    private final MeshService meshes;
    private final ObjectStore store;

    MeshesController(MeshService meshes, ObjectStore store) {
        this.meshes = meshes;
        this.store = store;
    }

    record Summary(String id, Instant createdAt, String href) {
    }

    record Page(List<Summary> items, String next) {
    }

    @GetMapping("/meshes")
    Page list(@RequestParam(defaultValue = "20") int limit, @RequestParam(required = false) String page) {
        if (limit < 1 || limit > 100) {
            throw new ProblemException(Problems.BAD_REQUEST, "limit must be between 1 and 100");
        }
        var keys = store.list(store.properties().buckets().meshes(), MeshLayout.RECENT_PREFIX, limit, page);
        List<MeshLayout.RecentKey> recent = keys.keys().stream().map(MeshLayout::parseRecent).toList();
        // a marker is written alongside the mesh's files, before its meta.json: list only published meshes
        Set<String> published = meshes.published(recent.stream().map(MeshLayout.RecentKey::id).toList());
        List<Summary> items = recent.stream().filter(r -> published.contains(r.id()))
                .map(r -> new Summary(r.id(), Instant.ofEpochMilli(r.epochMillis()), "/meshes/" + r.id())).toList();
        return new Page(items, keys.nextToken());
    }

    /** {@code name} (e.g. {@code dog.png}) names the model download {@code dog.glb} without another stored copy. */
    @GetMapping("/meshes/{id}")
    MeshView get(@PathVariable String id, @RequestParam(required = false) String name) {
        return meshes.find(id).map(meta -> MeshView.of(meta, true, store, name))
                .orElseThrow(() -> new ProblemException(Problems.NOT_FOUND, "no mesh with id '" + id + "'"));
    }
}
