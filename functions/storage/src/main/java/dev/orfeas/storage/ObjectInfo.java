package dev.orfeas.storage;

import java.time.Instant;

/**
 * What a listing or a HEAD says about one object.
 *
 * @param key          object key
 * @param size         bytes
 * @param etag         ETag without quotes (the MD5 of the bytes for single-part, unencrypted objects)
 * @param versionId    version id on a versioned bucket, else null
 * @param lastModified when it was written
 */
public record ObjectInfo(String key, long size, String etag, String versionId, Instant lastModified) {

    private static final java.util.regex.Pattern PLAIN_MD5 = java.util.regex.Pattern.compile("[0-9a-fA-F]{32}");

    /** The MD5 of the bytes when the ETag is one (lower-case hex), else null (multipart or encrypted objects). */
    public String md5OrNull() {
        return etag != null && PLAIN_MD5.matcher(etag).matches() ? etag.toLowerCase(java.util.Locale.ROOT) : null;
    }

    static String bare(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}
