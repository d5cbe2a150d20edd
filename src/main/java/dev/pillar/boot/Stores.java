package dev.pillar.boot;

import dev.pillar.app.PillarClock;
import dev.pillar.app.port.Store;
import dev.pillar.app.port.StoreConfig;
import dev.pillar.codec.BadInputException;
import dev.pillar.store.JdbcStore;
import java.io.IOException;
import java.nio.file.Files;

/** The one way a store is opened, for the server and every CLI command: from a {@link StoreConfig}. */
final class Stores {
    private Stores() {}

    /**
     * Opens the store {@code where} names (creating the data directory of an embedded store), or refuses naming the
     * option: {@code --data} when the embedded store cannot be opened (for example while a server holds it),
     * {@code --jdbc-url} when the database cannot be reached.
     */
    static Store open(StoreConfig where, PillarClock clock) {
        try {
            if (where.isEmbedded()) {
                Files.createDirectories(where.dataDir());
            }
            return JdbcStore.open(where, clock.clock());
        } catch (IOException | RuntimeException e) {
            String what = where.isEmbedded() ? "the store in " + where.dataDir() : "the database " + where.jdbcUrl();
            throw new BadInputException("", where.isEmbedded() ? "--data" : "--jdbc-url", "cannot open " + what + " (" + rootMessage(e) + ")"
                    + (where.isEmbedded() ? ": if pillar serve is running on it, stop it, or work through the server (--server URL, the API or the console)" : ""));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
