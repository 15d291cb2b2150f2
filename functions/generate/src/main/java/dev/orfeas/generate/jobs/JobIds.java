package dev.orfeas.generate.jobs;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Job ids: 128 random bits as 32 lower-case hex digits. Anything else names no job (404), never an object key. */
final class JobIds {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private JobIds() {
    }

    static String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
