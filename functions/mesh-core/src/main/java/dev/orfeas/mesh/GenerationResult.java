package dev.orfeas.mesh;

import dev.orfeas.mesh.export.MeshExport;
import dev.orfeas.mesh.quality.QualityReport;

/**
 * One generated mesh.
 *
 * @param meshId content hash of the image bytes and the canonical options
 * @param export the model file (and companions for OBJ)
 * @param report quality report, also serialisable as JSON
 */
public record GenerationResult(String meshId, MeshExport export, QualityReport report) {
}
