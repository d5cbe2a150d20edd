package dev.pillar.screening;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import dev.pillar.core.screening.PartyType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a name as written into the tokens that matching compares: Unicode NFKC, any script transliterated to Latin and
 * then to ASCII (ICU's {@code Any-Latin; Latin-ASCII}, which also folds diacritics), lower case, {@code &} read as
 * "and", punctuation and hyphens as spaces. For organisations the words of legal forms (Ltd, LLC, Co., OOO, GmbH...) are
 * set aside, for individuals titles (Mr, Dr, Gen...); if nothing else is left, they are kept. Thread-safe.
 */
public final class NameNormaliser {
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final String TRANSFORM = "Any-Latin; Latin-ASCII";
    private final ThreadLocal<Transliterator> latin = ThreadLocal.withInitial(() -> Transliterator.getInstance(TRANSFORM));
    private final List<String[]> legalForms;
    private final Set<String> honorifics;

    public NameNormaliser(List<String> legalForms, Set<String> honorifics) {
        // longest first, so that "co ltd" is removed before "co"
        this.legalForms = legalForms.stream().map(f -> f.split(" ")).sorted((a, b) -> b.length - a.length).toList();
        this.honorifics = Set.copyOf(honorifics);
    }

    private static final NameNormaliser STANDARD = new NameNormaliser(resource("legal-forms.txt"), Set.copyOf(resource("honorifics.txt")));

    /** With the legal forms and titles bundled in {@code /screening/}. */
    public static NameNormaliser standard() {
        return STANDARD;
    }

    /** The name in Latin ASCII, lower case, words separated by single spaces. */
    public String latin(String name) {
        String s = NFKC.normalize(name);
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 128;
        }
        if (!ascii) {
            s = latin.get().transliterate(spaceHangul(s));
        }
        StringBuilder b = new StringBuilder(s.length() + 4);
        boolean space = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '&') {
                if (!space) {
                    b.append(' ');
                }
                b.append("and ");
                space = true;
            } else if (c == '\'' || c == '\u2019' || c == '`' || c == '\u02bc' || c == '\u02bb') {
                // apostrophes of transliteration (Ma'ruf, Kim Il-s'ong) join the letters around them
            } else if (Character.isLetterOrDigit(c) && c < 128) {
                b.append(Character.toLowerCase(c));
                space = false;
            } else if (!space) {
                b.append(' ');
                space = true;
            }
        }
        int n = b.length();
        if (n > 0 && b.charAt(n - 1) == ' ') {
            b.setLength(n - 1);
        }
        return b.toString();
    }

    /**
     * Hangul syllables each made a part of their own (a Korean name is written without spaces, "김민준", and its
     * romanisations split it by syllable, "Kim Min-jun"), so that the transliteration keeps the syllables apart.
     */
    private static String spaceHangul(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean syllable = c >= '\uAC00' && c <= '\uD7A3';
            if (syllable && b == null) {
                b = new StringBuilder(s.length() * 2).append(s, 0, i);
            }
            if (b != null) {
                if (syllable && b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
                    b.append(' ');
                }
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /** The tokens that matching compares, in the order written. */
    public String[] tokens(String name, PartyType type) {
        String l = latin(name);
        if (l.isEmpty()) {
            return new String[0];
        }
        String[] words = l.split(" ");
        String[] kept = type == PartyType.INDIVIDUAL ? dropHonorifics(words) : dropLegalForms(words);
        return kept.length == 0 ? words : kept;
    }

    private String[] dropHonorifics(String[] words) {
        List<String> out = new ArrayList<>(words.length);
        for (String w : words) {
            if (!honorifics.contains(w)) {
                out.add(w);
            }
        }
        return out.toArray(String[]::new);
    }

    private String[] dropLegalForms(String[] words) {
        boolean[] drop = new boolean[words.length];
        for (String[] form : legalForms) {
            for (int i = 0; i + form.length <= words.length; i++) {
                boolean match = true;
                for (int k = 0; k < form.length && match; k++) {
                    match = !drop[i + k] && words[i + k].equals(form[k]);
                }
                if (match) {
                    Arrays.fill(drop, i, i + form.length, true);
                }
            }
        }
        List<String> out = new ArrayList<>(words.length);
        for (int i = 0; i < words.length; i++) {
            if (!drop[i]) {
                out.add(words[i]);
            }
        }
        return out.toArray(String[]::new);
    }

    private static List<String> resource(String name) {
        try (InputStream in = NameNormaliser.class.getResourceAsStream("/screening/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled screening resource /screening/" + name + " is missing");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.toLowerCase(Locale.ROOT)).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
