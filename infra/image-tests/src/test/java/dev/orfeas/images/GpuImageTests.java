package dev.orfeas.images;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CUDA image, where it was built (`scripts/build-images.sh` without --no-gpu; the test build skips it: 3 GB of
 * downloads, a 4.8 GB image). This machine has no GPU, so the checks are its layout, that both engines' natives
 * load as far as a machine without a GPU lets them, and its refusal to run on CPU.
 */
class GpuImageTests {

    private static final DockerImageName GPU = DockerImageName.parse("orfeas/generate-gpu:" + Images.VERSION);

    @BeforeAll
    static void onlyWhereBuilt() {
        DockerClient docker = DockerClientFactory.instance().client();
        try {
            docker.inspectImageCmd(GPU.asCanonicalNameString()).exec();
        } catch (NotFoundException e) {
            Assumptions.abort(GPU + " is not built here (scripts/build-images.sh generate-gpu)");
        }
    }

    @Test
    void cudaNativesArePreExtractedWhereDjlLooksAndTheClassPathHasTheCudaPlatform() {
        String script = "set -e; d=$(echo /opt/djl/pytorch/2.5.1-*-cu124-linux-x86_64);"
                + " test -f $d/libtorch_cuda.so; test -f $d/0.33.0-libdjl_torch.so; test -e /opt/cuda/lib/libcudart.so;"
                + " test ! -e /app/lib/pytorch-native-cpu-2.5.1-linux-x86_64.jar;"
                + " java -m jdk.jartool/sun.tools.jar.Main tf /app/lib-gpu/pytorch-native-cu124-2.5.1-linux-x86_64.jar;"
                + " id -u";
        try (GenericContainer<?> shell = new GenericContainer<>(GPU).withImagePullPolicy(name -> false)
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("bash", "-c", script))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            shell.start();
            assertThat(shell.getLogs()).contains("native/lib/pytorch.properties", "10001")
                    .doesNotContain(".so");
        }
    }

    /**
     * One copy of each CUDA library for both engines: ONNX Runtime's CUDA provider finds every library it links
     * (PyTorch's cudart, cuBLAS, cuBLASLt, NVRTC and cuDNN under their sonames, Debian's cuFFT and cuRAND), the
     * links point into PyTorch's bundle, and nothing is there twice.
     */
    @Test
    void onnxRuntimeCudaProviderResolvesEveryLibraryItLinksAgainstThePyTorchBundle() {
        String script = "set -e; cd /opt/cuda/lib;"
                + " for l in libcudart.so.12 libcublas.so.12 libcublasLt.so.12 libnvrtc.so.12 libcudnn.so.9; do"
                + "   readlink -e $l | grep -q '^/opt/djl/pytorch/' && echo linked $l; done;"
                + " test -f libcufft.so.11 && test -f libcurand.so.10 && echo debian cufft curand;"
                + " ldd /opt/ort/libonnxruntime_providers_cuda.so | grep 'not found' || echo all resolved;"
                + " test ! -e /opt/ort/libonnxruntime_providers_tensorrt.so && echo no tensorrt;"
                + " test ! -e /app/lib/onnxruntime-1.21.0.jar && echo no cpu ort;"
                + " find / -xdev \\( -name 'libcublasLt*.so*' -o -name 'libcudnn.so*' \\) -type f | wc -l";
        try (GenericContainer<?> shell = new GenericContainer<>(GPU).withImagePullPolicy(name -> false)
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("bash", "-c", script))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            shell.start();
            assertThat(shell.getLogs()).contains("linked libcudart.so.12", "linked libcublas.so.12",
                    "linked libcublasLt.so.12", "linked libnvrtc.so.12", "linked libcudnn.so.9",
                    "debian cufft curand", "all resolved", "no tensorrt", "no cpu ort")
                    .doesNotContain("not found").endsWith("2\n");
        }
    }

    /**
     * The image's own JVM loads ONNX Runtime GPU and its CUDA provider's library (with every CUDA library it links)
     * on a machine without a GPU; starting the provider needs the GPU and its driver.
     */
    @Test
    void theImagesJvmLoadsTheCudaProviderOfOnnxRuntime() throws Exception {
        Path classes = Path.of(OrtCudaProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String probe = OrtCudaProbe.class.getName().replace('.', '/') + ".class";
        try (GenericContainer<?> jvm = new GenericContainer<>(GPU).withImagePullPolicy(name -> false)
                .withCopyToContainer(MountableFile.forHostPath(classes.resolve(probe)), "/tmp/probe/" + probe)
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("java", "-Donnxruntime.native.path=/opt/ort",
                        "-cp", "/app/lib-gpu/onnxruntime_gpu-1.21.0.jar:/tmp/probe", OrtCudaProbe.class.getName(),
                        "/opt/ort/libonnxruntime_providers_cuda.so"))
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            jvm.start();
            assertThat(jvm.getLogs()).contains("providers [", "CUDA", "cuda provider library")
                    .containsAnyOf("cuda provider library loaded", "undefined symbol: Provider_GetHost")
                    .doesNotContain("cannot open shared object");
        }
    }

    @Test
    void withoutAGpuItStopsWithExitCode1InsteadOfRunningOnCpu() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        String id = docker.createContainerCmd(GPU.asCanonicalNameString())
                .withEnv("ORFEAS_SECURITY_OPEN=true", "ORFEAS_STORAGE_CREATE_BUCKETS=false",
                        "ORFEAS_STORAGE_ENDPOINT=http://127.0.0.1:9", "ORFEAS_STORAGE_ACCESS_KEY=none",
                        "ORFEAS_STORAGE_SECRET_KEY=" + S3Network.randomHex(8), "ORFEAS_LOG_FORMAT=")
                .withHostConfig(HostConfig.newHostConfig().withReadonlyRootfs(true).withTmpFs(Map.of("/tmp", "rw")))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            int exit = docker.waitContainerCmd(id).start().awaitStatusCode(90, TimeUnit.SECONDS);
            assertThat(exit).isEqualTo(1);
            StringBuilder logs = new StringBuilder();
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    logs.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }).awaitCompletion();
            assertThat(logs).contains("doesn't match system", "engine failed to load");
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }
}
