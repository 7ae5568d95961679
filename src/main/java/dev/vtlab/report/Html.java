package dev.vtlab.report;

import java.util.regex.Pattern;

/**
 * Escaping for the HTML page, in one place: every string that reaches the page (task names, commands, exception
 * messages, the JDK's vendor) comes from a user or the JVM, so none is written without passing through here.
 *
 * <p>Beyond {@code & < > " '}, a character that HTML does not allow in a document (C0 and C1 controls other than
 * tab, line feed and carriage return; a lone surrogate half) becomes U+FFFD, so that no input makes the page
 * invalid. A terminal colour code ({@code ESC[31m}) is removed whole: in a page it would show as {@code [31m}.
 * Every other character beyond ASCII is written as a character reference ({@code &#955;}), so the page is ASCII
 * and reads the same whatever encoding the stream that carried it used.
 */
final class Html {

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");
    /** U+FFFD, the replacement character, as a reference like every character beyond ASCII. */
    private static final String REPLACEMENT = "&#65533;";

    private Html() {
    }

    /** {@code s} as the text of an element: {@code &}, {@code <} and {@code >} escaped. Null is empty. */
    static String text(String s) {
        return escape(s, false);
    }

    /** {@code s} as an attribute value in double quotes: quotes escaped too. Null is empty. */
    static String attr(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean attribute) {
        if (s == null) {
            return "";
        }
        String plain = s.indexOf('\u001b') >= 0 ? ANSI.matcher(s).replaceAll("") : s;
        StringBuilder out = new StringBuilder(plain.length() + 16);
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\'' -> out.append(attribute ? "&#39;" : "'");
                case '\t', '\n', '\r' -> out.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < plain.length()
                            && Character.isLowSurrogate(plain.charAt(i + 1))) {
                        out.append("&#").append(Character.toCodePoint(c, plain.charAt(++i))).append(';');
                    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c) || c >= 0xfffe) {
                        out.append(REPLACEMENT);
                    } else if (c > 0x7e) {
                        out.append("&#").append((int) c).append(';');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
