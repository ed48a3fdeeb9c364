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

/** The packages of common depend one way (ARCHITECTURE.md): no cycle, leaves stay leaves. */
class PackageDependenciesTest {
    private static final Path SOURCES = Path.of("src/main/java/io/sparkforecast");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.sparkforecast\\.(\\w+)\\.", Pattern.MULTILINE);

    /** Package -> the product packages its main sources import. */
    private static Map<String, Set<String>> imports() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file).getName(0).toString();
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

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        Map<String, Set<String>> graph = imports();
        assertTrue(graph.size() > 10, "found the packages: " + graph.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            findCycle(graph, start, new ArrayList<>(List.of(start)), cycles);
        }
        assertEquals(List.of(), cycles, "package cycles (each arrow is an import)");
    }

    @Test
    void theLeavesImportNothingAboveThem() {
        Map<String, Set<String>> graph = imports();
        assertEquals(Set.of(), graph.get("core"), "core: failures, exit codes and value types only");
        assertEquals(Set.of("core"), graph.get("storage"));
        assertEquals(Set.of("core"), graph.get("config"));
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
