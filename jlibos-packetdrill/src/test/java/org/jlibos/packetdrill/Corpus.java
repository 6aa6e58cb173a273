package org.jlibos.packetdrill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared starter corpus ({@code shared/conformance/packetdrill}, next to the repository):
 * found by walking up from the working directory, or named with
 * {@code -Djlibos.packetdrill.corpus=DIR}.
 */
public final class Corpus {

    private Corpus() {
    }

    /** The corpus directory, or null when this checkout has none next to it. */
    public static Path find() {
        String prop = System.getProperty("jlibos.packetdrill.corpus");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/conformance/packetdrill");
            if (Files.isRegularFile(c.resolve("MANIFEST.tsv"))) {
                return c;
            }
        }
        return null;
    }

    /** The scripts in MANIFEST.tsv order: the 40 conformance scripts, then the self-tests S1-S3. */
    public static List<Path> manifestScripts(Path corpus) {
        try {
            List<Path> out = new ArrayList<>();
            for (String line : Files.readAllLines(corpus.resolve("MANIFEST.tsv"))) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    out.add(corpus.resolve(line.split("\t")[1]));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The MANIFEST.tsv order column ("1".."40", "S1".."S3") of each script, in the same order. */
    public static List<String> manifestIds(Path corpus) {
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(corpus.resolve("MANIFEST.tsv"))) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    out.add(line.split("\t")[0]);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
