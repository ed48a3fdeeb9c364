package io.sparkforecast.report;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/** Reads back what the reports write: PNG images, and the images embedded in an HTML page. */
final class Pngs {
    private static final Pattern EMBEDDED = Pattern.compile("<img src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    private Pngs() {
    }

    static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "not a readable image");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PNGs of the page's img tags, in page order. */
    static List<byte[]> embedded(String html) {
        List<byte[]> images = new ArrayList<>();
        Matcher img = EMBEDDED.matcher(html);
        while (img.find()) {
            images.add(Base64.getDecoder().decode(img.group(1)));
        }
        return images;
    }

    static int imgTags(String html) {
        return html.split("<img ", -1).length - 1;
    }
}
