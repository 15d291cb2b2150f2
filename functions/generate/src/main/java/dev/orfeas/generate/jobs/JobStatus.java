package dev.orfeas.generate.jobs;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a job is: queued → running → succeeded | failed | cancelled (the last three are final). */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
