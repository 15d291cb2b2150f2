package dev.orfeas.mesh.quality;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything worth knowing about one generated mesh; stored beside it as {@code meta.json}.
 *
 * @param meshId      content hash of image + options
 * @param mode        how the depth was made: inflate, relief or model
 * @param options     canonical options text
 * @param source      the input image: width, height, format
 * @param vertices    vertex count of the exported mesh
 * @param faces       face count of the exported mesh
 * @param closed      every edge has exactly two faces
 * @param manifold    no edge with more than two faces, no pinched vertex
 * @param oriented    faces wind consistently outward
 * @param boundaryEdges    edges with one face
 * @param nonManifoldEdges edges with more than two faces
 * @param degenerateFaces  zero-area faces
 * @param components  connected pieces
 * @param genus       holes through the object (an annulus has 1)
 * @param bbox        {minX, minY, minZ, maxX, maxY, maxZ}, within [-0.5, 0.5]
 * @param foreground  how the object was found: source, model, coverage, components kept and dropped
 * @param timingsMs   milliseconds per stage, in pipeline order
 */
@JsonPropertyOrder({"meshId", "mode", "options", "source", "vertices", "faces", "closed", "manifold", "oriented",
        "boundaryEdges", "nonManifoldEdges", "degenerateFaces", "components", "genus", "bbox", "foreground", "timingsMs"})
public record QualityReport(String meshId, String mode, String options, SourceInfo source, int vertices, int faces,
                            boolean closed, boolean manifold, boolean oriented, int boundaryEdges,
                            int nonManifoldEdges, int degenerateFaces, int components, int genus, float[] bbox,
                            ForegroundInfo foreground, Map<String, Double> timingsMs) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** @param format "png", "jpeg" or "webp" */
    public record SourceInfo(int width, int height, String format) {
    }

    /**
     * @param source   alpha, backdrop, model or none (relief)
     * @param model    the segmentation model's id when source is model, else null
     * @param coverage share of the image inside the silhouette, 0..1
     * @param componentsKept    separate pieces in the silhouette
     * @param componentsDropped pieces the model found that were dropped as not part of the main object
     * @param frame    {x, y, width, height}: the source-image region the texture (and the UVs' 0..1) spans
     */
    public record ForegroundInfo(String source, String model, double coverage, int componentsKept,
                                 int componentsDropped, float[] frame) {
    }

    public boolean watertight() {
        return closed && manifold && oriented && degenerateFaces == 0;
    }

    public static QualityReport of(String meshId, String mode, String options, SourceInfo source,
                                   int vertices, int faces, MeshCheck check, float[] bbox,
                                   ForegroundInfo foreground, Map<String, Double> timingsMs) {
        return new QualityReport(meshId, mode, options, source, vertices, faces, check.closed(), check.manifold(),
                check.oriented(), check.boundaryEdges(), check.nonManifoldEdges(), check.degenerateFaces(),
                check.components(), check.genus(), bbox, foreground,
                Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs)));
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("quality report is always serialisable", e);
        }
    }
}
