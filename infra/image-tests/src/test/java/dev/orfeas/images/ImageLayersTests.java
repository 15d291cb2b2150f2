package dev.orfeas.images;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the generate image is layered for a scale-from-zero node that pulls it: what changes with every code change
 * (the project's own jars, the AOT cache trained on them) sits on top and is small; the natives, the model and
 * the third-party jars sit below and stay cached. And the one home of the images' build inputs.
 */
class ImageLayersTests {

    /** One layer that adds bytes: its size and the Dockerfile step that made it. */
    record Layer(long bytes, String createdBy) {
    }

    @Test
    void aCodeChangeRePullsOnlyTheOwnJarsAndTheAotCache() throws Exception {
        List<Layer> layers = layers(Images.GENERATE.asCanonicalNameString());
        assertThat(layers.size()).as(layers.toString()).isGreaterThanOrEqualTo(7);
        // newest first: own jars, AOT cache, third-party jars (each copied "in /" from the build stage's split)
        assertThat(layers.subList(0, 3)).as(layers.toString()).allMatch(l -> l.createdBy().endsWith(" in / "));
        assertThat(layers.get(0).bytes()).as("own jars").isLessThan(10_000_000);
        assertThat(layers.get(1).bytes()).as("AOT cache").isBetween(10_000_000L, 150_000_000L);
        assertThat(layers.get(2).bytes()).as("third-party jars").isLessThan(100_000_000);
        assertThat(layers.get(3).createdBy()).as("the model").contains(" in /opt/orfeas");
        assertThat(layers.get(4).createdBy()).as("ONNX Runtime").contains(" in /opt/ort");
        assertThat(layers.get(5).createdBy()).as("PyTorch").contains(" in /opt/djl");
        long total = layers.stream().mapToLong(Layer::bytes).sum();
        assertThat(layers.get(0).bytes() + layers.get(1).bytes()).as("a code change re-pulls")
                .isLessThan(total / 5);
    }

    @Test
    void theBaseCarriesTheHealthScriptFromInfraImages() throws Exception {
        String expected = Files.readString(Images.root().resolve("infra/images/base/orfeas-health"));
        try (GenericContainer<?> shell = new GenericContainer<>(Images.GENERATE).withImagePullPolicy(name -> false)
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("cat", "/usr/local/bin/orfeas-health"))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(30)))) {
            shell.start();
            assertThat(shell.getLogs()).isEqualTo(expected);
        }
        assertThat(Images.root().resolve("infra/base")).as("one home for image build inputs").doesNotExist();
    }

    /** The image's layers that add bytes, newest first (docker history), read with the Docker CLI. */
    static List<Layer> layers(String image) throws IOException, InterruptedException {
        Process history = new ProcessBuilder("docker", "history", "--no-trunc", "--human=false",
                "--format", "{{.Size}}\t{{.CreatedBy}}", image).redirectErrorStream(true).start();
        String out = new String(history.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(history.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(history.exitValue()).as(out).isZero();
        List<Layer> layers = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] parts = line.split("\t", 2);
            if (parts.length == 2 && !parts[0].equals("0")) {
                layers.add(new Layer(Long.parseLong(parts[0].trim()), parts[1]));
            }
        }
        return layers;
    }
}
