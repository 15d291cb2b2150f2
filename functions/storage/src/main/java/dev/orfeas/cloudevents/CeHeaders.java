package dev.orfeas.cloudevents;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percent-encoding of {@code ce-*} header values, as the CloudEvents HTTP binding (3.1.3.2) requires: space,
 * {@code "}, {@code %} and everything outside printable ASCII are sent as {@code %XX} of their UTF-8 bytes.
 * The CloudEvents SDK's http-basic writer (4.0.1) does not do this, and the JDK HTTP client refuses a non-ASCII
 * header (a key like {@code γάτα.png} would fail delivery); {@link CloudEventCodec} encodes on write and decodes on
 * read, so every app gets it.
 */
final class CeHeaders {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private CeHeaders() {
    }

    /** The headers with every {@code ce-*} value encoded; others unchanged. */
    static Map<String, String> encode(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> out.put(name, name.regionMatches(true, 0, "ce-", 0, 3) ? encode(value) : value));
        return out;
    }

    static String encode(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 0x21 && c <= 0x7E && c != '"' && c != '%') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX.toHexDigits((byte) c));
            }
        }
        return sb.toString();
    }

    /** Decodes {@code %XX} sequences (UTF-8); a malformed sequence is kept as it is. */
    static String decode(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c == '%' && i + 2 < value.length() && isHex(value, i + 1)) {
                out.write(HexFormat.fromHexDigits(value, i + 1, i + 3));
                i += 3;
            } else {
                out.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The headers with every {@code ce-*} value decoded; others unchanged. */
    static Map<String, String> decode(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> out.put(name, name.regionMatches(true, 0, "ce-", 0, 3) ? decode(value) : value));
        return out;
    }

    private static boolean isHex(String s, int at) {
        return HexFormat.isHexDigit(s.charAt(at)) && HexFormat.isHexDigit(s.charAt(at + 1));
    }
}
