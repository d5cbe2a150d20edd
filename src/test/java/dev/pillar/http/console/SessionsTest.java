package dev.pillar.http.console;

import static org.assertj.core.api.Assertions.assertThat;
import dev.pillar.app.port.Principal;
import dev.pillar.app.port.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2025-01-01T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    static final Principal ALICE = new Principal("alice", Role.COMPLIANCE_OFFICER, null, null);

    @Test
    void signInFormTokensAreBoundToTheServerThatMadeThemAndExpire() {
        ManualClock clock = new ManualClock();
        Sessions sessions = new Sessions(clock);
        String token = sessions.loginToken();
        assertThat(sessions.loginTokenValid(token, token)).isTrue();
        assertThat(sessions.loginTokenValid(token, sessions.loginToken())).as("cookie and form must agree").isFalse();
        assertThat(sessions.loginTokenValid(null, token)).isFalse();
        // a pair an attacker chose and planted as cookie and form field: double-submit alone would accept it
        String planted = Sessions.token();
        assertThat(sessions.loginTokenValid(planted, planted)).isFalse();
        // one made by another server (another key), or this one's with its expiry pushed out
        String foreign = new Sessions(clock).loginToken();
        assertThat(sessions.loginTokenValid(foreign, foreign)).isFalse();
        String[] parts = token.split("\\.");
        String later = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
        assertThat(sessions.loginTokenValid(later, later)).isFalse();
        clock.advance(Sessions.LOGIN_FORM.minusSeconds(1));
        assertThat(sessions.loginTokenValid(token, token)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.loginTokenValid(token, token)).as("an hour old").isFalse();
    }

    @Test
    void idsAreRandom256BitTokensAndOnlyTheRightOneFindsTheSession() {
        Sessions sessions = new Sessions(Clock.systemUTC());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Sessions.Created c = sessions.create(ALICE);
            assertThat(c.id()).hasSize(43).matches("[A-Za-z0-9_-]{43}");
            assertThat(c.session().csrf()).hasSize(43).isNotEqualTo(c.id());
            ids.add(c.id());
        }
        assertThat(ids).hasSize(100);
        Sessions.Created c = sessions.create(ALICE);
        assertThat(sessions.find(c.id())).isSameAs(c.session());
        assertThat(sessions.find(c.id().substring(1) + "A")).isNull();
        assertThat(sessions.find(null)).isNull();
        assertThat(sessions.find("short")).isNull();
    }

    @Test
    void aSessionEndsAtOnceWhenItsUserIsDisabledOrChanged() {
        Set<Principal> current = new HashSet<>(Set.of(ALICE));
        Sessions sessions = new Sessions(Clock.systemUTC(), current::contains);
        Sessions.Created c = sessions.create(ALICE);
        assertThat(sessions.find(c.id())).isSameAs(c.session());
        current.clear(); // disabled, or now holds another role
        assertThat(sessions.find(c.id())).as("the session of a disabled user").isNull();
        current.add(ALICE); // enabled again: the ended session stays ended, the user signs in anew
        assertThat(sessions.find(c.id())).isNull();
        assertThat(sessions.find(sessions.create(ALICE).id())).isNotNull();
    }

    @Test
    void aSessionEndsWhenIdleTooLongOrTooOldOrSignedOut() {
        ManualClock clock = new ManualClock();
        Sessions sessions = new Sessions(clock);
        Sessions.Created idle = sessions.create(ALICE);
        clock.advance(Sessions.IDLE.minusSeconds(1));
        assertThat(sessions.find(idle.id())).isNotNull(); // used: idle time starts again
        clock.advance(Sessions.IDLE.minusSeconds(1));
        assertThat(sessions.find(idle.id())).isNotNull();
        clock.advance(Sessions.IDLE);
        assertThat(sessions.find(idle.id())).isNull();

        Sessions.Created busy = sessions.create(ALICE);
        for (Duration used = Duration.ZERO; used.compareTo(Sessions.ABSOLUTE.minusMinutes(10)) < 0; used = used.plusMinutes(10)) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(sessions.find(busy.id())).isNotNull();
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(sessions.find(busy.id())).isNull();

        Sessions.Created out = sessions.create(ALICE);
        sessions.end(out.id());
        assertThat(sessions.find(out.id())).isNull();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void csrfTokensCompareExactly() {
        Sessions.Session s = new Sessions(Clock.systemUTC()).create(ALICE).session();
        assertThat(s.csrfMatches(s.csrf())).isTrue();
        assertThat(s.csrfMatches(null)).isFalse();
        assertThat(s.csrfMatches("")).isFalse();
        assertThat(s.csrfMatches(s.csrf() + "x")).isFalse();
        assertThat(Sessions.equal(null, null)).isFalse();
    }
}
