package dev.orfeas.cloudevents;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A projected token as the kubelet lays it out and rotates it: {@code token → ..data/token}, {@code ..data} swapped. */
class TokenFileTests {

    @TempDir
    Path dir;

    @Test
    void aRotatedTokenIsReadAfterTheKubeletSwapsTheDataLink() throws Exception {
        Path token = kubeletVolume("first-token-aaaa");
        TokenFile file = new TokenFile(token);
        assertThat(file.read()).isEqualTo("first-token-aaaa");
        assertThat(file.read()).as("served again").isEqualTo("first-token-aaaa");

        // same length on purpose: only the file's identity and time tell the two apart
        rotate("second-token-bbb");
        assertThat(file.read()).isEqualTo("second-token-bbb");
    }

    @Test
    void aMissingOrEmptyFileIsUnreadableAndTheMessageNamesThePathOnly() throws Exception {
        Path token = kubeletVolume("secret-token-value\n");
        TokenFile file = new TokenFile(token);
        assertThat(file.read()).isEqualTo("secret-token-value");

        Files.writeString(dir.resolve("..data/token"), "  \n");
        assertThatThrownBy(file::read).isInstanceOf(TokenFile.UnreadableException.class).hasMessageContaining("empty");

        Files.delete(dir.resolve("..data/token"));
        assertThatThrownBy(file::read).isInstanceOf(TokenFile.UnreadableException.class)
                .hasMessageContaining(token.toString()).hasMessageNotContaining("secret-token-value");
        assertThat(file).hasToString("TokenFile[" + token + "]");
    }

    private Path kubeletVolume(String content) throws Exception {
        Path version = Files.createDirectory(dir.resolve("..v1"));
        Files.writeString(version.resolve("token"), content);
        Files.createSymbolicLink(dir.resolve("..data"), version.getFileName());
        return Files.createSymbolicLink(dir.resolve("token"), Path.of("..data/token"));
    }

    private void rotate(String content) throws Exception {
        Path version = Files.createDirectory(dir.resolve("..v2"));
        Files.writeString(version.resolve("token"), content);
        Path link = Files.createSymbolicLink(dir.resolve("..data_tmp"), version.getFileName());
        Files.move(link, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
