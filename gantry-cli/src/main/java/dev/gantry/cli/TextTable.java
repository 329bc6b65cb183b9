package dev.gantry.cli;

import java.util.ArrayList;
import java.util.List;

/** Rows printed in aligned columns for a terminal; the last column is never padded. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(String... cells) {
        // Cells hold reasons and versions others wrote: no escape sequence of theirs reaches the terminal.
        String[] safe = new String[cells.length];
        for (int i = 0; i < cells.length; i++) safe[i] = TerminalText.of(cells[i]);
        rows.add(safe);
        return this;
    }

    @Override
    public String toString() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns - 1; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        StringBuilder s = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(row[i]);
                if (i < columns - 1) line.append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        return s.toString();
    }
}
