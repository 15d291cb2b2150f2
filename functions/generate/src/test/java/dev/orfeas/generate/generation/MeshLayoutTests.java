package dev.orfeas.generate.generation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeshLayoutTests {

    @Test
    void recentKeysSortNewestFirstAndParseBack() {
        String older = MeshLayout.recent("aaaaaaaaaaaaaaaa", 1_000);
        String newer = MeshLayout.recent("bbbbbbbbbbbbbbbb", 2_000);

        assertThat(newer).isLessThan(older);
        assertThat(MeshLayout.parseRecent(older)).isEqualTo(new MeshLayout.RecentKey("aaaaaaaaaaaaaaaa", 1_000));
    }

    @Test
    void downloadNamesComeFromTheSourceFileName() {
        assertThat(new GenerationRequest(null, null, "photos/cat.png", null, null).baseName()).isEqualTo("cat");
        assertThat(new GenerationRequest(null, null, "my cat.jpeg", null, null).baseName()).isEqualTo("my cat");
        assertThat(new GenerationRequest(null, null, null, null, null).baseName()).isEqualTo("model");
        assertThat(new GenerationRequest(null, null, ".png", null, null).baseName()).isEqualTo(".png");
    }
}
