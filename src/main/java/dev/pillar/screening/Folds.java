package dev.pillar.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The romanisation folds of {@code /screening/romanisation-folds.txt}: one {@link Set} per family of romanisation
 * systems, each folding a normalised name part by whole-part classes, then by its rules in order.
 */
final class Folds {
    static final Folds STANDARD = load();

    private record Rule(String from, String to, boolean start, boolean end) {}

    /** One family's folds. */
    static final class Set {
        final String name;
        /** Used only when one of the names has a part without vowels (an abjad transliterated: Arabic, Persian, Hebrew). */
        final boolean onlyVowelless;
        private final List<Rule> rules = new ArrayList<>();
        private final Map<String, String> classes = new HashMap<>();

        Set(String header) {
            String[] p = header.split(":", 2);
            this.name = p[0].strip();
            this.onlyVowelless = p.length > 1 && p[1].strip().equals("vowelless");
        }

        String fold(String part) {
            String s = classes.getOrDefault(part, part);
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

        String[] fold(String[] parts) {
            String[] out = new String[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = fold(parts[i]);
            }
            return out;
        }
    }

    private final List<Set> sets;

    private Folds(List<Set> sets) {
        this.sets = List.copyOf(sets);
    }

    List<Set> sets() {
        return sets;
    }

    private static Folds load() {
        try (InputStream in = Folds.class.getResourceAsStream("/screening/romanisation-folds.txt")) {
            if (in == null) {
                throw new IllegalStateException("the bundled screening resource /screening/romanisation-folds.txt is missing");
            }
            Map<String, Set> sets = new LinkedHashMap<>();
            Set current = null;
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                if (l.startsWith("[") && l.endsWith("]")) {
                    current = sets.computeIfAbsent(l.substring(1, l.length() - 1), Set::new);
                    continue;
                }
                if (current == null) {
                    throw new IllegalStateException("a romanisation fold outside a [section]: " + l);
                }
                String[] p = l.split("\\s+");
                if (p[0].equals("=")) {
                    for (int i = 2; i < p.length; i++) {
                        current.classes.put(p[i], p[1]);
                    }
                    continue;
                }
                if (p.length > 2) {
                    throw new IllegalStateException("a romanisation fold is 'from to' (or 'from' alone, to delete): " + l);
                }
                boolean start = p[0].startsWith("^");
                boolean end = p[0].endsWith("$");
                String from = p[0].substring(start ? 1 : 0, p[0].length() - (end ? 1 : 0));
                current.rules.add(new Rule(from, p.length == 2 ? p[1] : "", start, end));
            }
            return new Folds(new ArrayList<>(sets.values()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
