package io.sparkforecast.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages of common are those of the package table in ARCHITECTURE.md, each imports exactly
 * the product packages its row lists, and they depend one way (no cycle).
 */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/sparkforecast");
    private static final Path ARCHITECTURE = Path.of(System.getProperty("forecast.repo"), "ARCHITECTURE.md");
    /** The package of an imported product class: its lower-case name parts (model.lstm of model.lstm.FastLstm). */
    private static final Pattern IMPORT = Pattern.compile(
            "^import (?:static )?io\\.sparkforecast\\.((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z]", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`([a-z][\\w.]*)`");
    private static final String TABLE_SECTION = "## Packages";

    /** Package (relative to io.sparkforecast, sub-packages dotted) -> the product packages its main sources import. */
    private static Map<String, Set<String>> imports() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
                Set<String> targets = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(pkg)) {
                        targets.add(matcher.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /**
     * The package table of ARCHITECTURE.md: package -> the packages its imports column names. A row
     * is | `package` | holds | imports |, the imports as `names` (none: "nothing of the product").
     */
    static Map<String, Set<String>> table(String markdown) {
        int section = markdown.indexOf("\n" + TABLE_SECTION);
        assertTrue(section >= 0, "ARCHITECTURE.md has a section " + TABLE_SECTION);
        Map<String, Set<String>> table = new TreeMap<>();
        boolean inTable = false;
        for (String line : markdown.substring(section + 1).lines().skip(1).toList()) {
            if (line.startsWith("## ")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|", -1);
            assertEquals(5, cells.length, "a row of three cells: " + line);
            String first = cells[1].trim();
            if (first.equals("package") || first.startsWith("-")) {
                continue;
            }
            Matcher pkg = NAME.matcher(first);
            assertTrue(pkg.matches(), "the first cell names one package in backticks: " + line);
            Set<String> imported = new TreeSet<>();
            Matcher names = NAME.matcher(cells[3]);
            while (names.find()) {
                imported.add(names.group(1));
            }
            assertTrue(!imported.isEmpty() || cells[3].trim().equals("nothing of the product"),
                    "the imports cell names packages in backticks or says nothing of the product: " + line);
            assertEquals(null, table.put(pkg.group(1), imported), "one row per package: " + line);
        }
        return table;
    }

    private static Map<String, Set<String>> table() {
        try {
            return table(Files.readString(ARCHITECTURE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theTableHoldsEveryPackageAndNoOther() {
        Map<String, Set<String>> graph = imports();
        assertTrue(graph.size() > 10, "found the packages: " + graph.keySet());
        assertEquals(graph.keySet(), table().keySet(), "the packages of common against the rows of ARCHITECTURE.md's table");
    }

    @Test
    void eachPackageImportsWhatItsRowLists() {
        Map<String, Set<String>> graph = imports();
        Map<String, Set<String>> table = table();
        List<String> wrong = new ArrayList<>();
        Set<String> packages = new TreeSet<>(graph.keySet());
        packages.addAll(table.keySet());
        for (String pkg : packages) {
            Set<String> actual = graph.getOrDefault(pkg, Set.of());
            Set<String> listed = table.getOrDefault(pkg, Set.of());
            Set<String> unlisted = new TreeSet<>(actual);
            unlisted.removeAll(listed);
            Set<String> unused = new TreeSet<>(listed);
            unused.removeAll(actual);
            if (!unlisted.isEmpty() || !unused.isEmpty()) {
                wrong.add(pkg + " imports " + actual + ": not in its row " + unlisted + ", in its row but not imported " + unused);
            }
        }
        assertEquals(List.of(), wrong, "ARCHITECTURE.md's package table against the imports of the main sources");
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> graph = imports();
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            findCycle(graph, start, new ArrayList<>(List.of(start)), cycles);
        }
        assertEquals(List.of(), cycles, "package cycles (each arrow is an import)");
    }

    @Test
    void theTableIsReadAsWritten() {
        String markdown = """
                # Architecture

                ## Packages (common), lower ones first

                | package | holds | imports |
                |---|---|---|
                | `core` | value types | nothing of the product |
                | `model.lstm` | FastLstm | nothing of the product |
                | `score` | `ScoreJob` | `core`, `model.lstm` |

                | `ignored` | after the table | `core` |

                ## Next
                """;
        assertEquals(Map.of("core", Set.of(), "model.lstm", Set.of(), "score", Set.of("core", "model.lstm")), table(markdown));
    }

    private static void findCycle(Map<String, Set<String>> graph, String start, List<String> path, List<String> cycles) {
        for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                // Each cycle once: from its alphabetically first package.
                path.add(next);
                findCycle(graph, start, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
