package dev.pillar.store;

import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoreConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded H2 file store, a new database directory for each test. */
class H2StoreTest extends StoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected Store openFresh() {
        return JdbcStore.open(StoreConfig.embedded(dir), java.time.Clock.systemUTC());
    }

    @Override
    protected Store openSame() {
        return JdbcStore.open(StoreConfig.embedded(dir), java.time.Clock.systemUTC());
    }
}
