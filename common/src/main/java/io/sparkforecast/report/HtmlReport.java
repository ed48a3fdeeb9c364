package io.sparkforecast.report;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;

/**
 * A small self-contained HTML page: headings, paragraphs, preformatted text, tables and PNG
 * images. Images are embedded as data URIs, so the page shows its plots wherever it is copied;
 * each image is also kept as a file of its own to sit next to the page.
 */
public final class HtmlReport {
    private static final Pattern IMAGE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.png");

    private final String title;
    private final StringBuilder body = new StringBuilder();
    private final Map<String, byte[]> images = new LinkedHashMap<>();

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    /** A heading other parts of the page link to as {@code #id}. */
    public HtmlReport heading(String text, String id) {
        body.append("<h2 id=\"").append(escape(id)).append("\">").append(escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Text shown as is, in a fixed-width font (e.g. a console report). */
    public HtmlReport preformatted(String text) {
        body.append("<pre>").append(escape(text)).append("</pre>\n");
        return this;
    }

    /** A link in a table cell: to another page, or to a heading of this one ({@code #id}). */
    public record Link(String text, String href) {
    }

    /** A table of text cells; a {@link Link} cell is a link. */
    public HtmlReport table(List<String> header, List<? extends List<?>> rows) {
        appendTable(header, rows);
        return this;
    }

    /** A table folded under a one-line summary the reader clicks to open (e.g. every epoch of a long run). */
    public HtmlReport foldedTable(String summary, List<String> header, List<? extends List<?>> rows) {
        body.append("<details><summary>").append(escape(summary)).append("</summary>\n");
        appendTable(header, rows);
        body.append("</details>\n");
        return this;
    }

    private void appendTable(List<String> header, List<? extends List<?>> rows) {
        body.append("<table>\n<tr>");
        header.forEach(cell -> body.append("<th>").append(escape(cell)).append("</th>"));
        body.append("</tr>\n");
        for (List<?> row : rows) {
            body.append("<tr>");
            for (Object cell : row) {
                body.append("<td>").append(cell instanceof Link link
                        ? "<a href=\"" + escape(link.href()) + "\">" + escape(link.text()) + "</a>"
                        : escape(String.valueOf(cell))).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
    }

    /**
     * An image, embedded in the page and also written as {@code fileName} beside it.
     *
     * @param fileName a plain file name ending in .png, unique in this report
     */
    public HtmlReport image(String fileName, String description, byte[] png) {
        if (!IMAGE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("image file name '" + fileName + "' is not a plain name ending in .png");
        }
        if (images.putIfAbsent(fileName, png) != null) {
            throw new IllegalArgumentException("image file name '" + fileName + "' is used twice");
        }
        body.append("<figure><img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                .append("\" alt=\"").append(escape(description)).append("\" title=\"").append(escape(fileName))
                .append("\"></figure>\n");
        return this;
    }

    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
                + "</title>\n<style>\n"
                + "body { font-family: sans-serif; margin: 2em; max-width: 1000px; }\n"
                + "table { border-collapse: collapse; }\n"
                + "th, td { border: 1px solid #ccc; padding: 2px 8px; text-align: right; }\n"
                + "pre { background: #f6f6f6; padding: 0.5em; overflow-x: auto; }\n"
                + "img { max-width: 100%; }\n"
                + "</style>\n</head>\n<body>\n<h1>" + escape(title) + "</h1>\n" + body + "</body>\n</html>\n";
    }

    /** The page as {@code htmlName}, then its images, by file name. */
    public Map<String, byte[]> files(String htmlName) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(htmlName, html().getBytes(StandardCharsets.UTF_8));
        files.putAll(images);
        return files;
    }

    static String escape(String text) {
        return StringEscapeUtils.escapeHtml4(text);
    }
}
