package io.sparkforecast.storage;

import java.util.List;
import java.util.stream.Collectors;

/** CSV text (RFC 4180) for the small side files people open in a spreadsheet: a header, then rows. */
public final class CsvText {
    private final StringBuilder text = new StringBuilder();

    public CsvText(List<String> header) {
        row(List.copyOf(header));
    }

    /** One line; null cells are empty, cells with a comma, quote or line break are quoted. */
    public CsvText row(List<?> cells) {
        text.append(cells.stream().map(CsvText::cell).collect(Collectors.joining(","))).append('\n');
        return this;
    }

    static String cell(Object value) {
        String cell = value == null ? "" : value.toString();
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
