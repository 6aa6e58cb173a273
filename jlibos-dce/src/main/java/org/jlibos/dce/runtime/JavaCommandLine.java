package org.jlibos.dce.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.jlibos.dce.launch.MavenArtifacts;

/**
 * The {@code java} command line of a simulated process, as the real launcher reads it:
 * {@code java [-cp path] [-Dname=value]... [-Xmx..]... (mainClass | -jar file.jar) [args...]},
 * plus jlibos's own {@code --artifact group:artifact:version} (repeatable), which puts a program
 * from the local Maven repository and its runtime dependencies on the class path.
 * JVM tuning flags are accepted and ignored (all processes share one JVM).
 */
public record JavaCommandLine(List<Path> classPath, String mainClass, Map<String, String> systemProperties,
                              List<String> args) {

    /** One resolver for the JVM (it caches the POMs it has read), made on first use of --artifact. */
    private static final class Artifacts {
        static final MavenArtifacts RESOLVER = create();

        /**
         * Maven Resolver logs through SLF4J, which has no provider on jlibos's class path and
         * would print a warning on the user's terminal once; quiet it while it initialises
         * (programs keep their own SLF4J, in their own class loaders, with its usual behaviour).
         */
        private static MavenArtifacts create() {
            String key = "slf4j.internal.verbosity";
            String old = System.getProperty(key);
            System.setProperty(key, "ERROR");
            try {
                org.slf4j.LoggerFactory.getILoggerFactory();
                return new MavenArtifacts();
            } finally {
                if (old == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, old);
                }
            }
        }
    }

    /** Parses argv (argv[0] is the program name, {@code java}). */
    public static JavaCommandLine parse(List<String> argv) {
        List<Path> classPath = new ArrayList<>();
        Map<String, String> props = new LinkedHashMap<>();
        String main = null;
        int i = 1;
        while (i < argv.size()) {
            String a = argv.get(i);
            if (a.equals("-cp") || a.equals("-classpath") || a.equals("--class-path")) {
                if (i + 1 >= argv.size()) {
                    throw new IllegalArgumentException("java: " + a + " requires class path specification");
                }
                for (String entry : argv.get(i + 1).split(File.pathSeparator)) {
                    if (!entry.isEmpty()) {
                        classPath.add(Path.of(entry));
                    }
                }
                i += 2;
            } else if (a.equals("--artifact")) {
                if (i + 1 >= argv.size()) {
                    throw new IllegalArgumentException("java: --artifact requires a Maven coordinate group:artifact:version");
                }
                classPath.addAll(Artifacts.RESOLVER.resolveClassPath(argv.get(i + 1)));
                i += 2;
            } else if (a.startsWith("-D")) {
                int eq = a.indexOf('=');
                props.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "" : a.substring(eq + 1));
                i++;
            } else if (a.equals("-jar")) {
                if (i + 1 >= argv.size()) {
                    throw new IllegalArgumentException("java: -jar requires jar file specification");
                }
                Path jar = Path.of(argv.get(i + 1));
                classPath.add(0, jar);
                main = mainClassOf(jar);
                i += 2;
                break;
            } else if (a.startsWith("-X") || a.startsWith("-XX:") || a.equals("-server") || a.startsWith("-ea")
                    || a.startsWith("-da") || a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
                i += (a.equals("--add-opens") || a.equals("--add-exports")) ? 2 : 1;
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("java: option " + a + " is not supported for simulated JVM processes");
            } else {
                main = a;
                i++;
                break;
            }
        }
        if (main == null) {
            throw new IllegalArgumentException("java: no main class given (usage: java [-cp path] [-Dk=v] main [args...])");
        }
        return new JavaCommandLine(List.copyOf(classPath), main, props, List.copyOf(argv.subList(i, argv.size())));
    }

    private static String mainClassOf(Path jar) {
        try (JarFile jf = new JarFile(jar.toFile())) {
            String main = jf.getManifest() == null ? null : jf.getManifest().getMainAttributes().getValue("Main-Class");
            if (main == null) {
                throw new IllegalArgumentException("java: no main manifest attribute, in " + jar);
            }
            return main.trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("java: cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    /** The class path as URLs; every entry must exist. */
    public List<URL> classPathUrls() {
        List<URL> urls = new ArrayList<>();
        for (Path p : classPath) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("java: class path entry " + p + " does not exist");
            }
            try {
                urls.add(p.toAbsolutePath().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }
        return urls;
    }
}
