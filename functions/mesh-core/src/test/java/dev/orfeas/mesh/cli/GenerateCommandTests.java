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
        assertThat(dir.resolve("out/cat.texture.jpg")).exists();
        assertThat(Files.readString(dir.resolve("out/cat.mtl"))).contains("map_Kd cat.texture.jpg");
        assertThat(Files.readString(dir.resolve("out/cat.report.json"))).contains("\"closed\" : true");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("watertight");
    }

    @Test
    void anObjBesideAJpegOfTheSameNameLeavesThePhotoAsItWas() throws Exception {
        Path image = dir.resolve("cat.jpg");
        Files.write(image, TestImages.jpeg(TestImages.objectOnBackdrop(200, 200, 7)));
        byte[] before = Files.readAllBytes(image);

        int code = run(image.toString(), dir.resolve("cat.obj").toString(), "--quality", "draft", "--faces", "2000");

        assertThat(code).as(errors()).isEqualTo(GenerateCommand.OK);
        assertThat(Files.readAllBytes(image)).isEqualTo(before);
        assertThat(dir.resolve("cat.texture.jpg")).exists();
    }

    @Test
    void anOutputThatWouldReplaceTheInputIsRefusedAndNothingIsWritten() throws Exception {
        // the texture of cat.obj is cat.texture.jpg: an input of that name would be written over
        Path image = dir.resolve("cat.texture.jpg");
        Files.write(image, TestImages.jpeg(TestImages.objectOnBackdrop(200, 200, 7)));
        byte[] before = Files.readAllBytes(image);

        int code = run(image.toString(), dir.resolve("cat.obj").toString(), "--quality", "draft", "--faces", "2000");

        assertThat(code).isEqualTo(GenerateCommand.USAGE);
        assertThat(errors().strip()).doesNotContain("\n").contains("would overwrite the input image");
        assertThat(Files.readAllBytes(image)).isEqualTo(before);
        assertThat(dir.resolve("cat.obj")).doesNotExist();
        assertThat(dir.resolve("cat.mtl")).doesNotExist();
    }

    @Test
    void aReportNamedLikeTheInputIsRefusedToo() throws Exception {
        Path input = dir.resolve("cat.report.json");
        Files.writeString(input, "{}");
        assertThat(GenerateCommand.overwritten(input, java.util.List.of(dir.resolve("cat.glb"),
                dir.resolve("sub/../cat.report.json")))).containsExactly(dir.resolve("sub/../cat.report.json"));
        assertThat(GenerateCommand.overwritten(input, java.util.List.of(dir.resolve("cat.glb")))).isEmpty();
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

    @Test
    void foregroundAndSegmentationModelFlagsReachTheEngine() throws Exception {
        Path image = dir.resolve("photo.jpg");
        java.awt.image.BufferedImage photo = new java.awt.image.BufferedImage(160, 120,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = photo.createGraphics();
        g.setColor(new java.awt.Color(25, 30, 20));
        g.fillRect(0, 0, 160, 120);
        g.setColor(new java.awt.Color(240, 235, 220)); // bright = salient for the tiny segmenter
        g.fillOval(40, 20, 80, 80);
        g.dispose();
        Files.write(image, TestImages.jpeg(photo));
        Path tiny = Path.of(getClass().getResource("/models/tiny-segmenter.onnx").toURI());

        assertThat(run(image.toString(), dir.resolve("a.glb").toString(), "--quality", "draft", "--foreground",
                "model")).as("no model given").isEqualTo(GenerateCommand.USAGE);
        assertThat(errors()).contains("foreground=model needs the segmentation model");

        int code = run(image.toString(), dir.resolve("b.glb").toString(), "--quality", "draft",
                "--segmentation-model", tiny.toString(), "--foreground", "model");
        assertThat(code).as(errors()).isEqualTo(GenerateCommand.OK);
        assertThat(Files.readString(dir.resolve("b.report.json"))).contains("\"source\" : \"model\"");

        assertThat(run(image.toString(), dir.resolve("c.glb").toString(), "--quality", "draft", "--foreground",
                "none")).isEqualTo(GenerateCommand.OK);
        assertThat(Files.readString(dir.resolve("c.report.json"))).contains("\"source\" : \"none\"");
        assertThat(run(image.toString(), dir.resolve("d.glb").toString(), "--foreground", "sideways"))
                .isEqualTo(GenerateCommand.USAGE);
    }
}
