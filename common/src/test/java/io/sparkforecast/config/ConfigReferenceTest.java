package io.sparkforecast.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configuration table of docs/configuration.md documents exactly the keys of conf/defaults.conf. */
class ConfigReferenceTest {
    private static final Path REPO = Path.of(System.getProperty("forecast.repo"));
    /** Free-form sections: documented as one key. */
    private static final Set<String> MAPS = Set.of("spark.conf", "tune.space");

    @Test
    void everyConfigKeyIsDocumentedAndEveryDocumentedKeyExists() throws IOException {
        ConfigObject defaults = ConfigFactory.parseFile(REPO.resolve("conf/defaults.conf").toFile()).resolve()
                .getObject(ConfigLoader.ROOT);
        Set<String> keys = new TreeSet<>();
        collect(defaults, "", keys);

        Set<String> documented = new TreeSet<>();
        String reference = Files.readString(REPO.resolve("docs/configuration.md"));
        int start = reference.indexOf("| key (under `forecast.`)");
        String table = reference.substring(start, reference.indexOf("\n\n", start));
        Matcher row = Pattern.compile("^\\| `([a-z_.]+)` \\|", Pattern.MULTILINE).matcher(table);
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertEquals(keys, documented);
    }

    private static void collect(ConfigObject object, String prefix, Set<String> keys) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String key = prefix + entry.getKey();
            if (entry.getValue().valueType() == ConfigValueType.OBJECT && !MAPS.contains(key)) {
                collect((ConfigObject) entry.getValue(), key + ".", keys);
            } else {
                keys.add(key);
            }
        }
    }
}
