import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The object store of the image's AOT training run (infra/images/train.sh): just enough S3 on loopback for the app
 * to start and serve its first request end to end — every bucket empty (listings list nothing, reads 404), writes
 * accepted with their MD5 as ETag (what the app verifies) and forgotten. Only the JRE's own HTTP server; compiled
 * by scripts/build-images.sh, never in a runtime image. Usage: java TrainingS3 PORT
 */
public final class TrainingS3 {

    private TrainingS3() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0])), 16);
        server.createContext("/", TrainingS3::answer);
        server.start();
    }

    private static void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        boolean bucket = path.indexOf('/', 1) < 0 || path.indexOf('/', 1) == path.length() - 1;
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        switch (exchange.getRequestMethod()) {
            case "PUT", "POST" -> {
                exchange.getResponseHeaders().add("ETag", "\"" + md5(body) + "\"");
                send(exchange, 200, "");
            }
            case "DELETE" -> send(exchange, 204, null);
            case "HEAD" -> send(exchange, bucket ? 200 : 404, null);
            default -> send(exchange, bucket ? 200 : 404, bucket
                    ? "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>b</Name>"
                    + "<KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>"
                    : "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>");
        }
    }

    private static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml == null ? new byte[0] : xml.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, xml == null || bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
