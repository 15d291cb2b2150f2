package dev.orfeas.events;

/** CloudEvent types the ORFEAS functions send and accept (see docs/http-api.md). */
public final class EventTypes {

    /** An object landed in a bucket; data: {@link ObjectRef} JSON or an S3/MinIO notification record. */
    public static final String OBJECT_CREATED = "dev.orfeas.object.created";
    /** A mesh is stored; subject: mesh id. */
    public static final String MESH_GENERATED = "dev.orfeas.mesh.generated";
    /** An input can never become a mesh (bad image); subject: the source object key. */
    public static final String MESH_FAILED = "dev.orfeas.mesh.failed";

    private EventTypes() {
    }
}
