package dev.orfeas.events.backup;

import dev.orfeas.events.web.BearerTokens;
import dev.orfeas.web.ProblemException;
import dev.orfeas.events.web.Problems;
import dev.orfeas.storage.InvalidObjectKeyException;
import dev.orfeas.storage.StorageProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /restore} (operators; bearer {@code orfeas.events.backup.restore-token}): body
 * {@code {"manifest": "manifests/….tsv", "bucket": "meshes", "createBucket": false}}, all optional (newest
 * manifest, the meshes bucket; a bucket that does not exist is 404 {@code no-bucket} unless createBucket is true).
 * 200 with counts when every object was restored and verified; 422 {@code restore-incomplete} listing the objects
 * that were not (missing or corrupted backup copies), after restoring all the others.
 */
@RestController
class RestoreController {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_BODY = 16 * 1024;

    private final Restorer restorer;
    private final BackupProperties properties;
    private final StorageProperties storage;
    private final JsonMapper json;

    RestoreController(Restorer restorer, BackupProperties properties, StorageProperties storage, JsonMapper json) {
        this.restorer = restorer;
        this.properties = properties;
        this.storage = storage;
        this.json = json;
    }

    @PostMapping(path = "/restore",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<?> restore(@RequestHeader(name = "Authorization", required = false) String authorization,
                              @RequestHeader(name = "Content-Type", required = false) String contentType,
                              HttpServletRequest request) throws IOException {
        if (!properties.restoreEnabled()) {
            throw new ProblemException(Problems.FORBIDDEN,
                    "restores over HTTP are off: set orfeas.events.backup.restore-token (or use scripts/restore.sh)");
        }
        BearerTokens.require(authorization, properties.restoreToken(), "the restore token");
        JsonNode body = body(contentType, request);
        String manifest = text(body, "manifest");
        String bucket = text(body, "bucket");
        boolean createBucket = flag(body, "createBucket");
        if (bucket == null) {
            bucket = storage.buckets().meshes();
        } else if (!BUCKET.matcher(bucket).matches()) {
            throw new ProblemException(Problems.BAD_REQUEST, "bucket must be a valid S3 bucket name");
        }
        if (manifest != null && (!manifest.startsWith(properties.manifestPrefix()) || !manifest.endsWith(".tsv")
                || manifest.length() > 1024 || manifest.chars().anyMatch(Character::isISOControl))) {
            throw new ProblemException(Problems.BAD_REQUEST, "manifest must be a key under "
                    + properties.manifestPrefix() + " ending in .tsv");
        }
        if (manifest != null) {
            try {
                InvalidObjectKeyException.requireSafe(manifest);
            } catch (InvalidObjectKeyException e) {
                throw new ProblemException(Problems.BAD_REQUEST, "manifest: " + e.getMessage());
            }
        }
        Restorer.Result result;
        try {
            result = restorer.restore(manifest, bucket, createBucket);
        } catch (Restorer.NoBucketException e) {
            throw new ProblemException(Problems.NO_BUCKET, e.getMessage());
        } catch (Restorer.NoManifestException e) {
            throw new ProblemException(Problems.NO_MANIFEST, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problems.BAD_MANIFEST, e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("manifest", result.manifestKey());
        answer.put("bucket", result.bucket());
        answer.put("objects", result.objects());
        answer.put("restored", result.restored());
        answer.put("skipped", result.skipped());
        answer.put("failed", result.failed());
        if (result.complete()) {
            return ResponseEntity.ok(answer);
        }
        ProblemDetail problem = Problems.RESTORE_INCOMPLETE.detail(result.failed().size() + " of " + result.objects()
                + " object(s) were not restored: their backup copies are missing or corrupted");
        answer.forEach(problem::setProperty);
        return ResponseEntity.status(Problems.RESTORE_INCOMPLETE.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private JsonNode body(String contentType, HttpServletRequest request)
            throws IOException {
        byte[] bytes;
        try (var in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
            throw new ProblemException(Problems.TOO_LARGE, "a restore request is at most " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        if (!isJson(contentType)) {
            throw new ProblemException(Problems.UNSUPPORTED_TYPE, "send the restore request as application/json");
        }
        try {
            JsonNode node = json.readTree(bytes);
            if (!node.isObject()) {
                throw new ProblemException(Problems.BAD_REQUEST, "the restore request must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new ProblemException(Problems.BAD_REQUEST, "the restore request is not valid JSON");
        }
    }

    private static boolean isJson(String contentType) {
        try {
            return contentType != null
                    && MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean flag(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ProblemException(Problems.BAD_REQUEST, field + " must be true or false");
        }
        return value.asBoolean();
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString() || value.asString().isBlank()) {
            throw new ProblemException(Problems.BAD_REQUEST, field + " must be a non-empty string");
        }
        return value.asString();
    }
}
