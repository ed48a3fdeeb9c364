package io.sparkforecast.report;

import java.util.List;

/** A table of text cells for a report page: a header, then rows of the same width. */
public record ReportTable(List<String> header, List<List<String>> rows) {
    public ReportTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " cells under " + header.size()
                        + " columns: " + row);
            }
        }
    }
}
