package dev.gantry.files;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Any text as a file name of its own: letters, digits and dashes stay as they are, and any other byte of the text's
 * UTF-8 is written as {@code _} and two hex digits. Two texts never give the same name, and no name is "." or "..",
 * has a slash or starts with a dot.
 */
public final class FileNames {

    private FileNames() {}

    public static String encode(String text) {
        StringBuilder name = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                name.append(c);
            } else {
                name.append('_').append(HexFormat.of().toHexDigits(b));
            }
        }
        return name.toString();
    }

    /** The text {@link #encode} made {@code name} of. */
    public static String decode(String name) {
        byte[] bytes = new byte[name.length()];
        int n = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' && i + 2 < name.length()) {
                bytes[n++] = (byte) HexFormat.fromHexDigits(name, i + 1, i + 3);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
