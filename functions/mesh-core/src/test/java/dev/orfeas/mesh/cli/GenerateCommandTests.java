package dev.orfeas.mesh.cli;

import dev.orfeas.mesh.TestImages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateCommandTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return GenerateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheObjWithItsMaterialTextureAndReport() throws Exception {
        Path image = dir.resolve("cat.png");
        Files.write(image, TestImages.png(TestImages.discOnTransparent(200, 80)));
        Path output = dir.resolve("out/cat.obj");

        int code = run(image.toString(), output.toString(), "--quality", "draft", "--faces", "2000");

        assertThat(code).as(errors()).isEqualTo(GenerateCommand.OK);
        assertThat(output).exists();
        assertThat(Files.readString(output)).contains("mtllib cat.mtl");
        assertThat(dir.resolve("out/cat.mtl")).exists();
        assertThat(dir.resolve("out/cat.jpg")).exists();
        assertThat(Files.readString(dir.resolve("out/cat.report.json"))).contains("\"closed\" : true");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("watertight");
    }

    @Test
    void notAnImageExitsThreeWithOneLineReason() throws Exception {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "this is not a picture");
        int code = run(text.toString(), dir.resolve("x.glb").toString());
        assertThat(code).isEqualTo(GenerateCommand.REJECTED);
        assertThat(errors().strip()).doesNotContain("\n").contains("PNG, JPEG or WebP");
        assertThat(dir.resolve("x.glb")).doesNotExist();
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(run("only-one-path.png")).isEqualTo(GenerateCommand.USAGE);
        assertThat(run("a.png", "b.glb", "--faces", "many")).isEqualTo(GenerateCommand.USAGE);
        assertThat(run("a.png", "b.xyz")).isEqualTo(GenerateCommand.USAGE);
        assertThat(run("missing.png", dir.resolve("b.glb").toString())).isEqualTo(GenerateCommand.USAGE);
        assertThat(errors()).contains("no such file");
    }
}
