package dev.orfeas.generate.jobs;

import dev.orfeas.generate.AppTestSupport;
import dev.orfeas.generate.TestImages;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Submitting and following jobs over real HTTP. */
abstract class JobsTestSupport extends AppTestSupport {

    static final String OTHER_KEY = "other-key-0123456789abcdef";

    /**
     * {@link TestImages#discPng} with one corner pixel from a per-JVM salt: the same work, but a new mesh on every
     * run (the test store may hold meshes of earlier runs, and a stored mesh makes a job succeed at once). The
     * disc's colour depends on {@code shade % 100} only: the tests keep those (with size and options) apart.
     */
    static byte[] freshPng(int size, int shade) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(TestImages.discPng(size, shade)));
            BufferedImage argb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_ARGB);
            argb.getGraphics().drawImage(image, 0, 0, null);
            argb.setRGB(0, 0, (int) (SALT & 0x00FFFFFF)); // fully transparent: outside the object
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(argb, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final long SALT = System.nanoTime();

    HttpResponse<byte[]> submit(byte[] image, String query) throws Exception {
        return post("/jobs" + query, image, Map.of("Content-Type", "image/png", "Authorization", "Bearer " + API_KEY));
    }

    JsonNode job(String id) throws Exception {
        var response = getWithKey("/jobs/" + id);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /jobs/" + id + " → " + response.statusCode());
        }
        return json(response);
    }

    /** Polls until the job has a final status. */
    JsonNode awaitEnd(String id, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            JsonNode job = job(id);
            String status = job.get("status").asString();
            if (status.equals("succeeded") || status.equals("failed") || status.equals("cancelled")) {
                return job;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("job " + id + " still " + status);
            }
            Thread.sleep(100);
        }
    }

    /** Every {@code data:} of the SSE stream of a job, read until the server ends the stream. */
    List<JsonNode> events(String id) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(uri("/jobs/" + id + "/events"))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + API_KEY)
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("events → " + response.statusCode());
        }
        List<JsonNode> documents = new ArrayList<>();
        try (InputStream body = response.body();
             var lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            String event = null;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (!"job".equals(event)) {
                        throw new IllegalStateException("unexpected event " + event);
                    }
                    documents.add(JSON.readTree(line.substring(5)));
                }
            }
        }
        return documents;
    }
}
