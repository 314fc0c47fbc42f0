package dev.descent.base;

import java.util.Optional;

/**
 * Names people read must show what they are. Invisible formatting characters (Unicode category Cf: bidi
 * overrides such as U+202E, zero-width spaces and joiners, the byte-order mark, soft hyphens) make a name
 * display as something else: {@code safe\u202Egpj.exe} shows as "safeexe.jpg". Names holding one are refused.
 */
public final class VisibleText {

    public static final String RULE = "must not contain invisible formatting characters"
            + " (bidi controls, zero-width characters)";

    private VisibleText() {
    }

    /** The first invisible formatting character, as {@code U+202E}, if there is one. */
    public static Optional<String> firstInvisible(String text) {
        return text.codePoints().filter(c -> Character.getType(c) == Character.FORMAT).findFirst()
                .stream().mapToObj(c -> String.format("U+%04X", c)).findFirst();
    }
}
