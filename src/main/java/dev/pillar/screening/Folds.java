package dev.pillar.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The romanisation folds of {@code /screening/romanisation-folds.txt}, applied in order to a normalised name part. */
final class Folds {
    static final Folds STANDARD = load();

    private record Rule(String from, String to, boolean start, boolean end) {}

    private final List<Rule> rules;

    private Folds(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    String fold(String part) {
        String s = part;
        for (Rule r : rules) {
            if (r.start) {
                if (s.startsWith(r.from)) {
                    s = r.to + s.substring(r.from.length());
                }
            } else if (r.end) {
                if (s.endsWith(r.from)) {
                    s = s.substring(0, s.length() - r.from.length()) + r.to;
                }
            } else if (s.contains(r.from)) {
                s = s.replace(r.from, r.to);
            }
        }
        return s;
    }

    private static Folds load() {
        try (InputStream in = Folds.class.getResourceAsStream("/screening/romanisation-folds.txt")) {
            if (in == null) {
                throw new IllegalStateException("the bundled screening resource /screening/romanisation-folds.txt is missing");
            }
            List<Rule> rules = new ArrayList<>();
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] p = l.split("\\s+");
                if (p.length != 2) {
                    throw new IllegalStateException("a romanisation fold is 'from to': " + l);
                }
                boolean start = p[0].startsWith("^");
                boolean end = p[0].endsWith("$");
                String from = p[0].substring(start ? 1 : 0, p[0].length() - (end ? 1 : 0));
                rules.add(new Rule(from, p[1], start, end));
            }
            return new Folds(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
