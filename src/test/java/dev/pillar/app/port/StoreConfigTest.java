package dev.pillar.app.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreConfigTest {
    @Test
    void embeddedUnlessAJdbcUrlIsGiven() {
        assertThat(StoreConfig.embedded(Path.of("data")).isEmbedded()).isTrue();
        assertThat(new StoreConfig(Path.of("data"), "jdbc:postgresql://db:5432/pillar", "pillar", "secret").isEmbedded()).isFalse();
        assertThat(new StoreConfig(Path.of("data"), "jdbc:postgresql://db/pillar?user=u", null, null).user()).isNull();
    }

    @Test
    void aBadConfigIsRefusedNamingTheField() {
        assertThatThrownBy(() -> new StoreConfig(null, null, null, null)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--data:");
        assertThatThrownBy(() -> new StoreConfig(Path.of("data"), "postgresql://db/pillar", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--jdbc-url:").hasMessageContaining("postgresql://db/pillar");
    }

    @Test
    void theTextNeverHoldsThePassword() {
        assertThat(new StoreConfig(Path.of("data"), "jdbc:postgresql://db/pillar", "u", "secret").toString()).doesNotContain("secret").contains("***");
    }
}
