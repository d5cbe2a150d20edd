package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token names the version of its user's record: a password change, disabling (and enabling again), or a change of
 * role (and back) stops every earlier token of the user for good, the admin token file's too (issue "trust no single
 * role", finding 3). Before, each of these left the old tokens working.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class) // the admin's change last
class CredentialsTest {
    @TempDir
    static Path data;
    static ApiServer app;

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static int whoAmI(String token) {
        return app.get("/api/v1/partnership/members", token).status();
    }

    static void change(String user, String json) {
        ApiServer.Response current = app.get("/api/v1/users/" + user, app.token("admin"));
        ApiServer.Response r = app.put("/api/v1/users/" + user, app.token("admin"), current.header("ETag"), json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeStopsEveryEarlierToken() {
        app.createUser("cred-pw", "secretariat", null, null);
        String before = app.signIn("cred-pw");
        assertThat(whoAmI(before)).isEqualTo(200);
        change("cred-pw", "{\"role\":\"secretariat\",\"password\":\"another long passphrase 42\"}");
        assertThat(whoAmI(before)).as("the token made before the password change").isEqualTo(401);
    }

    @Test
    void disablingAndEnablingAgainDoesNotReviveOldTokens() {
        app.createUser("cred-off", "compliance-officer", null, null);
        String before = app.signIn("cred-off");
        change("cred-off", "{\"role\":\"compliance-officer\",\"disabled\":true}");
        assertThat(whoAmI(before)).isEqualTo(401);
        change("cred-off", "{\"role\":\"compliance-officer\",\"disabled\":false}");
        assertThat(whoAmI(before)).as("re-enabled: the old token stays dead").isEqualTo(401);
        assertThat(whoAmI(app.signIn("cred-off"))).as("a new sign-in works").isEqualTo(200);
    }

    @Test
    void aRoleChangedAndBackDoesNotReviveOldTokens() {
        app.createUser("cred-role", "delegate", "GBR", null);
        String before = app.signIn("cred-role");
        change("cred-role", "{\"role\":\"compliance-officer\"}");
        change("cred-role", "{\"role\":\"delegate\",\"country\":\"GBR\"}");
        assertThat(whoAmI(before)).isEqualTo(401);
    }

    @Test
    void guessingAPasswordIsRefusedAfterFiveFailuresEvenWithTheRightOne() {
        app.createUser("cred-guess", "secretariat", null, null);
        for (int i = 0; i < 5; i++) {
            assertThat(app.post("/api/v1/auth/token", null, ApiServer.json("username", "cred-guess", "password", "wrong guess " + i)).status())
                    .isEqualTo(401);
        }
        ApiServer.Response locked = app.post("/api/v1/auth/token", null, ApiServer.json("username", "cred-guess", "password", ApiServer.PASSWORD));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotBlank();
        assertThat(locked.json().get("detail").asString()).contains("too many failed sign-ins");
    }

    @Test
    void theAdminTokenFileStopsWhenTheAdminsPasswordChanges() throws Exception {
        String fileToken = Files.readString(data.resolve("admin-token")).strip();
        assertThat(whoAmI(fileToken)).isEqualTo(200);
        ApiServer.Response current = app.get("/api/v1/users/admin", fileToken);
        ApiServer.Response r = app.put("/api/v1/users/admin", fileToken, current.header("ETag"), "{\"role\":\"admin\",\"password\":\"a new admin passphrase 7\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(whoAmI(fileToken)).isEqualTo(401);
    }
}
