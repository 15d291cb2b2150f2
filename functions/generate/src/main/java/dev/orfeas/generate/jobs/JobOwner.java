package dev.orfeas.generate.jobs;

import org.slf4j.MDC;

/**
 * Who submits or asks for a job: {@code key:<id>} with the API key's id (a prefix of its SHA-256 that the key
 * filter puts in the MDC; never the key itself), or {@code open} on a machine without keys.
 */
public final class JobOwner {

    private JobOwner() {
    }

    public static String current() {
        String keyId = MDC.get("apiKey");
        return keyId == null ? "open" : "key:" + keyId;
    }
}
