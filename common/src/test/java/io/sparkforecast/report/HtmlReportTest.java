package io.sparkforecast.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final byte[] BARS = Charts.bars("t", List.of("a", "b"), new double[] {1, 2}, "y");

    @Test
    void embedsEachImageAsAValidPngAndKeepsItAsAFile() {
        byte[] other = Charts.bars("u", List.of("c"), new double[] {3}, "y");
        HtmlReport report = new HtmlReport("Report").heading("Plots")
                .image("one.png", "first", BARS).image("two.png", "second", other);
        String html = report.html();

        assertEquals(2, Pngs.imgTags(html));
        List<byte[]> embedded = Pngs.embedded(html);
        assertEquals(2, embedded.size());
        assertArrayEquals(BARS, embedded.get(0));
        assertEquals(Charts.WIDTH, Pngs.decode(embedded.get(1)).getWidth());

        Map<String, byte[]> files = report.files("index.html");
        assertEquals(List.of("index.html", "one.png", "two.png"), List.copyOf(files.keySet()));
        assertEquals(html, new String(files.get("index.html"), StandardCharsets.UTF_8));
        assertArrayEquals(other, files.get("two.png"));
    }

    @Test
    void escapesText() {
        String html = new HtmlReport("a <b> & \"c\"")
                .paragraph("<script>alert('x')</script>")
                .preformatted("x < y && y > z")
                .table(List.of("<th>"), List.of(List.of("a&b"), List.of("<td>")))
                .html();
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>"), html);
        assertTrue(html.contains("&lt;script&gt;alert('x')&lt;/script&gt;"), html);
        assertTrue(html.contains("<pre>x &lt; y &amp;&amp; y &gt; z</pre>"), html);
        assertTrue(html.contains("<th>&lt;th&gt;</th>") && html.contains("<td>a&amp;b</td>"), html);
    }

    @Test
    void refusesImageNamesThatAreNotPlainOrUnique() {
        HtmlReport report = new HtmlReport("r").image("a.png", "a", BARS);
        assertThrows(IllegalArgumentException.class, () -> report.image("a.png", "again", BARS));
        assertThrows(IllegalArgumentException.class, () -> report.image("../b.png", "b", BARS));
        assertThrows(IllegalArgumentException.class, () -> report.image("c.html", "c", BARS));
    }
}
