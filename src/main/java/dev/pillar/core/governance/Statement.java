package dev.pillar.core.governance;

import dev.pillar.core.model.Country;

/**
 * What a delegate signs in a key ceremony (besides votes): the proof that the requester holds a new key, and a core
 * member's co-signature of an enrolment (naming its digest, so that it endorses exactly that request).
 */
public sealed interface Statement permits Statement.Possession, Statement.Cosign, Statement.WitnessKey, Statement.WitnessRevoke {
    /** "I hold the private half of {@code x}, and ask to enrol it as {@code member}'s key {@code kid}." */
    record Possession(Country member, String kid, String x) implements Statement {}

    /** "{@code member} endorses key enrolment {@code enrolment} with digest {@code digest}." */
    record Cosign(String enrolment, String digest, Country member) implements Statement {}

    /** "{@code key} (a signed-note verifier key) is a witness of {@code member}": signed with the member's key in force. */
    record WitnessKey(Country member, String key) implements Statement {}

    /** "{@code key} is no longer a witness of {@code member}": signed with the member's key in force. */
    record WitnessRevoke(Country member, String key) implements Statement {}
}
