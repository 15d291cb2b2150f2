package dev.orfeas.generate.api;

import dev.orfeas.web.ProblemException;
import dev.orfeas.mesh.MeshFormat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcceptModeTests {

    @Test
    void missingOrWildcardAcceptMeansTheMeshBytes() {
        assertThat(AcceptMode.choose(null, MeshFormat.GLB)).isEqualTo(AcceptMode.BYTES);
        assertThat(AcceptMode.choose("*/*", MeshFormat.STL)).isEqualTo(AcceptMode.BYTES);
        assertThat(AcceptMode.choose("model/*", MeshFormat.OBJ)).isEqualTo(AcceptMode.BYTES);
    }

    @Test
    void highestQualityAcceptableTypeWins() {
        assertThat(AcceptMode.choose("model/gltf-binary;q=0.5, application/json", MeshFormat.GLB))
                .isEqualTo(AcceptMode.JSON);
        assertThat(AcceptMode.choose("text/html, text/event-stream;q=0.9", MeshFormat.GLB))
                .isEqualTo(AcceptMode.EVENTS);
    }

    @Test
    void acceptCanNameTheFormatAndUnofferedTypesAre406() {
        assertThat(AcceptMode.formatFrom("model/stl")).contains(MeshFormat.STL);
        assertThat(AcceptMode.formatFrom("application/x-ply")).contains(MeshFormat.PLY);
        assertThat(AcceptMode.formatFrom("application/json")).isEmpty();
        assertThatThrownBy(() -> AcceptMode.choose("model/stl", MeshFormat.GLB))
                .isInstanceOf(ProblemException.class);
    }
}
