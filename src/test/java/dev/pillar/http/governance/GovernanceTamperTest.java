package dev.pillar.http.governance;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.app.KeyCeremony;
import dev.pillar.boot.Main;
import dev.pillar.boot.Pillar;
import dev.pillar.http.ServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deleting a whole governance proposal from the database (its proposal, vote and outcome rows) leaves acts that verify
 * among themselves; the audit log, which recorded each act's number and digest, shows the gap (issue "trust no single
 * role", finding 7). Before, {@code pillar governance verify} passed after such a deletion.
 */
class GovernanceTamperTest {
    @TempDir
    Path data;

    record Run(int code, String out) {}

    Run verify() {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"governance", "verify", "--data", data.toString()}, new PrintWriter(out), new PrintWriter(Writer.nullWriter()));
        return new Run(code, out.toString());
    }

    void sql(String statement) throws Exception {
        String url = "jdbc:h2:file:" + data.toAbsolutePath().resolve("pillar") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "pillar", ""); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    @Test
    void aDeletedProposalAndAnInsertedActAreFoundThroughTheAuditLog() throws Exception {
        try (Pillar p = Pillar.start(ServerConfig.defaults(0, data), new PrintWriter(Writer.nullWriter()))) {
            var keys = KeyCeremony.enrolFresh(p.governance());
            KeyCeremony.korInDiscussions(p.governance(), keys); // P-1 consensus, P-2 formal discussions
        }
        Run clean = verify();
        assertThat(clean.code()).as(clean.out()).isZero();
        assertThat(clean.out()).contains("every act is the one the audit log recorded");

        // the last proposal, with its votes and outcome, deleted: what is left still verifies among itself
        sql("DELETE FROM governance_acts WHERE proposal_id = 'P-2'");
        Run deleted = verify();
        assertThat(deleted.code()).isEqualTo(3);
        assertThat(deleted.out()).contains("proposal P-2", "missing from the store: it was deleted");

        // an act inserted behind the server's back (a copy of an existing body under a new number) is not in the log
        sql("INSERT INTO governance_acts (seq, kind, proposal_id, slot, body, digest, recorded_at, recorded_by) "
                + "SELECT 100, kind, 'P-9', slot, body, digest, recorded_at, recorded_by FROM governance_acts WHERE seq = 1");
        assertThat(verify().out()).contains("is not in the audit log");
    }
}
