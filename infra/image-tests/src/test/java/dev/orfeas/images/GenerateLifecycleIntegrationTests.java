package dev.orfeas.images;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** How the generate container ends: drained on SIGTERM, restarted by Docker after a fatal fault. */
class GenerateLifecycleIntegrationTests {

    private static final HttpClient http = HttpClient.newHttpClient();
    private final DockerClient docker = DockerClientFactory.instance().client();

    @Test
    void sigtermMidGenerationLetsTheRequestCompleteAndExitsZero() throws Exception {
        try (GenericContainer<?> generate = S3Network.generate()) {
            generate.start();
            URI url = URI.create("http://" + generate.getHost() + ":" + generate.getMappedPort(8080)
                    + "/generate?" + Images.slowUncachedQuery()); // seconds of work: time to stop it mid-way
            HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(url)
                            .header("Content-Type", "image/png").header("Accept", "text/event-stream")
                            .POST(HttpRequest.BodyPublishers.ofFile(Images.slowPhoto())).build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);

            List<String> events = new ArrayList<>();
            CompletableFuture<Void> stopped = null;
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (!line.startsWith("event:")) {
                    continue;
                }
                events.add(line.substring("event:".length()).strip());
                if (stopped == null) {
                    // the first progress event: the generation is under way. `docker stop` = SIGTERM, then
                    // SIGKILL after the timeout (container.stop() would kill at once).
                    String id = generate.getContainerId();
                    stopped = CompletableFuture.runAsync(() -> docker.stopContainerCmd(id).withTimeout(60).exec());
                }
            }
            // progress went on after the stop was sent (the first event triggered it), then the result came
            assertThat(events).as("the stream ran to its result after SIGTERM").hasSizeGreaterThan(2).last()
                    .isEqualTo("result");
            assertThat(events.subList(0, 2)).containsOnly("progress");
            stopped.get();
            InspectContainerResponse.ContainerState state = generate.getCurrentContainerInfo().getState();
            assertThat(state.getRunning()).isFalse();
            assertThat(state.getExitCodeLong()).as(generate.getLogs()).isZero();
            assertThat(generate.getLogs()).contains("SIGTERM received");
        }
    }

    @Test
    void fatalFaultExitsNonZeroAndTheOnFailurePolicyBringsItBack(@TempDir Path dir) throws Exception {
        // a model the runtime user cannot read: the app refuses to start (exit 1), Docker restarts it
        Path model = dir.resolve("depth.pt");
        Files.copy(Images.root().resolve("functions/mesh-core/src/test/resources/models/tiny-depth.pt"), model);
        Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("---------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        GenericContainer<?> template = S3Network.generate();
        List<String> env = new ArrayList<>();
        template.getEnvMap().forEach((k, v) -> env.add(k + "=" + v));
        env.add("ORFEAS_GENERATION_MODEL_PATH=/models/depth.pt");
        ExposedPort http8080 = ExposedPort.tcp(8080);
        String id = docker.createContainerCmd(Images.GENERATE.asCanonicalNameString())
                .withEnv(env)
                .withExposedPorts(http8080)
                .withHostConfig(HostConfig.newHostConfig()
                        .withRestartPolicy(RestartPolicy.onFailureRestart(20))
                        .withReadonlyRootfs(true)
                        .withTmpFs(Map.of("/tmp", "rw"))
                        .withBinds(new Bind(dir.toString(), new Volume("/models"), AccessMode.ro))
                        .withPortBindings(new PortBinding(Ports.Binding.empty(), http8080))
                        .withNetworkMode(S3Network.network().getId()))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();

            InspectContainerResponse failed = awaitState(id, Duration.ofSeconds(90),
                    c -> c.getRestartCount() != null && c.getRestartCount() >= 1);
            assertThat(failed.getRestartCount()).as("restarted by on-failure, so it exited non-zero").isPositive();
            assertThat(logs(id)).contains("APPLICATION FAILED TO START", "model-path must name a readable");

            Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("rw-r--r--"));
            // the next restart finds a readable model; each restart may publish another host port
            Duration readyWithin = Duration.ofSeconds(120);
            long deadline = System.nanoTime() + readyWithin.toNanos();
            int status = 0;
            while (System.nanoTime() < deadline && status != 200) {
                Thread.sleep(500);
                status = readiness(docker.inspectContainerCmd(id).exec());
            }
            assertThat(status).as(logs(id)).isEqualTo(200);
            InspectContainerResponse back = docker.inspectContainerCmd(id).exec();
            assertThat(back.getState().getRunning()).isTrue();
            assertThat(back.getRestartCount()).isPositive();
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    private InspectContainerResponse awaitState(String id, Duration timeout,
            Predicate<InspectContainerResponse> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InspectContainerResponse info = docker.inspectContainerCmd(id).exec();
        while (!condition.test(info) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            info = docker.inspectContainerCmd(id).exec();
        }
        return info;
    }

    /** GET readiness on the host port the container has now; 0 while it has none or does not answer. */
    private static int readiness(InspectContainerResponse info) throws InterruptedException {
        Ports.Binding[] bindings = info.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(8080));
        if (bindings == null || bindings.length == 0 || !Boolean.TRUE.equals(info.getState().getRunning())) {
            return 0;
        }
        URI url = URI.create("http://localhost:" + bindings[0].getHostPortSpec() + "/readyz");
        try {
            return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notYet) {
            return 0;
        }
    }

    private String logs(String id) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }).awaitCompletion();
        return out.toString();
    }
}
