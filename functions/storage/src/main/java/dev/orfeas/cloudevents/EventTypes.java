package dev.orfeas.cloudevents;

/** CloudEvent types the ORFEAS functions send and accept (see docs/http-api.md). */
public final class EventTypes {

    /** An object landed in a bucket; data: {@link ObjectEvent} (or an S3/MinIO notification). */
    public static final String OBJECT_CREATED = "dev.orfeas.object.created";
    /** An object was deleted from a bucket; data: {@link ObjectEvent}. */
    public static final String OBJECT_REMOVED = "dev.orfeas.object.removed";
    /** A mesh is stored; subject: mesh id; data: {@link MeshGenerated}. */
    public static final String MESH_GENERATED = "dev.orfeas.mesh.generated";
    /** An input can never become a mesh (bad image); subject: the source object key; data: {@link MeshFailed}. */
    public static final String MESH_FAILED = "dev.orfeas.mesh.failed";
    /** A generation job was submitted and waits to run; subject: job id; data: {@link JobRequested}. */
    public static final String JOB_REQUESTED = "dev.orfeas.job.requested";

    /** A backup finished and verified (one mesh, or a scheduled full backup with its manifest). */
    public static final String BACKUP_COMPLETED = "dev.orfeas.backup.completed";
    /** A backup can never succeed as asked (source gone, copy does not verify). */
    public static final String BACKUP_FAILED = "dev.orfeas.backup.failed";
    /** Knative PingSource ticks (scheduled full backups). */
    public static final String KNATIVE_PING = "dev.knative.sources.ping";

    private EventTypes() {
    }
}
