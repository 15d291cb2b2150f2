package dev.orfeas.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's nginx configuration (infra/nginx/templates/orfeas.conf.template) run by the real nginx binary from
 * Debian, as a process of the test, under a temporary prefix. The template is rendered the way the official nginx
 * image renders it (only the given ${NAME}s are replaced); the main configuration here only sets paths for the
 * prefix, as infra/nginx/nginx.conf does for the container.
 */
final class Nginx implements AutoCloseable {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

    private final Process process;
    private final Path prefix;

    private Nginx(Process process, Path prefix) {
        this.process = process;
        this.prefix = prefix;
    }

    /** Starts nginx with the template rendered from {@code variables}; returns once the TLS port accepts. */
    static Nginx start(Path prefix, Map<String, String> variables, int httpsPort) throws IOException {
        Files.createDirectories(prefix.resolve("logs"));
        Files.writeString(prefix.resolve("orfeas.conf"), render(variables));
        Files.writeString(prefix.resolve("nginx.conf"), """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/logs/error.log info;
                events { worker_connections 256; }
                http {
                    include /etc/nginx/mime.types;
                    default_type application/octet-stream;
                    access_log %1$s/logs/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/orfeas.conf;
                }
                """.formatted(prefix));
        // as root nginx runs its workers as nobody: they must be able to enter the prefix and write temp files
        prefix.toFile().setExecutable(true, false);
        prefix.toFile().setReadable(true, false);
        Process process = new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", prefix.resolve("nginx.conf")
                .toString(), "-e", prefix.resolve("logs/error.log").toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        Nginx nginx = new Nginx(process, prefix);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + nginx.errorLog());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), httpsPort)) {
                return nginx;
            } catch (IOException notYet) {
                sleep(50);
            }
        }
        nginx.close();
        throw new IllegalStateException("nginx did not listen on " + httpsPort + ": " + nginx.errorLog());
    }

    static String render(Map<String, String> variables) throws IOException {
        String template = Files.readString(Images.root().resolve("infra/nginx/templates/orfeas.conf.template"));
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("the template needs " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    String errorLog() {
        try {
            return Files.readString(prefix.resolve("logs/error.log"));
        } catch (IOException e) {
            return "(no error log: " + e + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM: nginx's fast shutdown. */
    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
