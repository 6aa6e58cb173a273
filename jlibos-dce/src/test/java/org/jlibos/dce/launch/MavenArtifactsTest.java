package org.jlibos.dce.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class paths resolved offline from the real local repository (the programs DCE tests run, put
 * there by jlibos-dce's build) and from small hand-written repositories that pin down Maven's rules.
 * The expected real class paths are what {@code mvn dependency:build-classpath} prints for a project
 * with that one dependency (checked with Maven 3.9.11).
 */
class MavenArtifactsTest {

    private static final String ZOOKEEPER = "org.apache.zookeeper:zookeeper:3.9.4";

    private static final List<String> ZOOKEEPER_CLASS_PATH = List.of(
            "zookeeper-3.9.4.jar",
            "zookeeper-jute-3.9.4.jar",
            "audience-annotations-0.12.0.jar",
            "netty-handler-4.1.119.Final.jar",
            "netty-common-4.1.119.Final.jar",
            "netty-resolver-4.1.119.Final.jar",
            "netty-buffer-4.1.119.Final.jar",
            "netty-transport-4.1.119.Final.jar",
            "netty-transport-native-unix-common-4.1.119.Final.jar",
            "netty-codec-4.1.119.Final.jar",
            "netty-transport-native-epoll-4.1.119.Final-linux-x86_64.jar",
            "netty-transport-classes-epoll-4.1.119.Final.jar",
            "netty-tcnative-boringssl-static-2.0.70.Final.jar",
            "netty-tcnative-classes-2.0.70.Final.jar",
            "netty-tcnative-boringssl-static-2.0.70.Final-linux-x86_64.jar",
            "netty-tcnative-boringssl-static-2.0.70.Final-linux-aarch_64.jar",
            "netty-tcnative-boringssl-static-2.0.70.Final-osx-x86_64.jar",
            "netty-tcnative-boringssl-static-2.0.70.Final-osx-aarch_64.jar",
            "netty-tcnative-boringssl-static-2.0.70.Final-windows-x86_64.jar",
            "slf4j-api-2.0.13.jar",
            "commons-io-2.17.0.jar");

    private static MavenArtifacts central;

    @BeforeAll
    static void openRealLocalRepository() {
        central = new MavenArtifacts();
    }

    @AfterAll
    static void closeRealLocalRepository() {
        central.close();
    }

    // ---- real artifacts from the local repository ----

    @Test
    void zookeeperClassPathIsItsJarThenItsRuntimeDependenciesInMavenOrder() {
        long startNanos = System.nanoTime();
        List<Path> classPath = central.resolveClassPath(ZOOKEEPER);
        System.out.printf("%s resolved in %d ms%n", ZOOKEEPER, (System.nanoTime() - startNanos) / 1_000_000);

        List<String> names = fileNames(classPath);
        assertEquals("zookeeper-3.9.4.jar", names.getFirst());
        assertTrue(names.contains("zookeeper-jute-3.9.4.jar"), names::toString);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("netty-handler-")), names::toString);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("slf4j-api-")), names::toString);
        // zookeeper's test-scoped (junit, mockito, hamcrest, bouncycastle, kerby), provided (jetty,
        // jline, commons-cli, jackson, metrics, snappy) and optional (logback, spotbugs) dependencies.
        for (String excluded : List.of("junit-", "mockito-", "hamcrest-", "bcprov-", "bcpkix-", "kerb",
                "jmockit-", "jetty-", "jline-", "commons-cli-", "jackson-", "metrics-core-", "snappy-",
                "logback-", "spotbugs-", "commons-collections4-")) {
            assertTrue(names.stream().noneMatch(n -> n.startsWith(excluded)), excluded + " in " + names);
        }
        assertEquals(21, classPath.size());
        assertEquals(ZOOKEEPER_CLASS_PATH, names);
        for (Path jar : classPath) {
            assertTrue(jar.isAbsolute() && jar.startsWith(central.localRepository()), jar::toString);
            assertTrue(Files.isRegularFile(jar), jar::toString);
        }
    }

    @Test
    void resolvingTwiceGivesTheSameClassPathInTheSameOrder() {
        List<Path> first = central.resolveClassPath(ZOOKEEPER);
        long startNanos = System.nanoTime();
        List<Path> second = central.resolveClassPath(ZOOKEEPER);
        System.out.printf("%s resolved again in %d ms%n", ZOOKEEPER, (System.nanoTime() - startNanos) / 1_000_000);
        assertEquals(first, second);
        try (MavenArtifacts another = new MavenArtifacts()) {
            assertEquals(first, another.resolveClassPath(ZOOKEEPER));
        }
    }

    @Test
    void nettyAllClassPathHoldsEveryModuleAndNativeLibraryAt4_2_18() {
        List<String> names = fileNames(central.resolveClassPath("io.netty:netty-all:4.2.18.Final"));
        assertEquals(50, names.size());
        assertEquals("netty-all-4.2.18.Final.jar", names.getFirst());
        assertEquals("netty-buffer-4.2.18.Final.jar", names.get(1));
        assertEquals("netty-codec-native-quic-4.2.18.Final-windows-x86_64.jar", names.getLast());
        assertTrue(names.contains("netty-handler-4.2.18.Final.jar"), names::toString);
        assertTrue(names.contains("netty-transport-native-epoll-4.2.18.Final-linux-x86_64.jar"), names::toString);
        assertTrue(names.stream().allMatch(n -> n.startsWith("netty-") && n.contains("-4.2.18.Final")),
                names::toString);
    }

    @Test
    void jettyServerClassPathSkipsItsOptionalJmxModule() {
        assertEquals(List.of("jetty-server-12.1.14.jar", "jetty-http-12.1.14.jar", "jetty-util-12.1.14.jar",
                        "jetty-io-12.1.14.jar", "slf4j-api-2.0.17.jar"),
                fileNames(central.resolveClassPath("org.eclipse.jetty:jetty-server:12.1.14")));
    }

    @Test
    void okhttpJvmClassPathHoldsKotlinAndOkio() {
        assertEquals(List.of("okhttp-jvm-5.5.1.jar", "kotlin-stdlib-2.1.21.jar", "annotations-13.0.jar",
                        "okio-jvm-3.18.1.jar"),
                fileNames(central.resolveClassPath("com.squareup.okhttp3:okhttp-jvm:5.5.1")));
    }

    @Test
    void classifierCoordinateResolvesThatFile() {
        List<String> names = fileNames(central.resolveClassPath(
                "io.netty:netty-transport-native-epoll:jar:linux-x86_64:4.2.18.Final"));
        assertEquals(List.of("netty-transport-native-epoll-4.2.18.Final-linux-x86_64.jar",
                "netty-common-4.2.18.Final.jar", "netty-buffer-4.2.18.Final.jar",
                "netty-transport-4.2.18.Final.jar", "netty-resolver-4.2.18.Final.jar",
                "netty-transport-native-unix-common-4.2.18.Final.jar",
                "netty-transport-classes-epoll-4.2.18.Final.jar"), names);
    }

    @Test
    void coordinateMissingFromTheLocalRepositoryNamesItTheRepositoryAndTheFetchCommand() {
        ClassPathResolutionException failure = assertThrows(ClassPathResolutionException.class,
                () -> central.resolveClassPath("org.apache.zookeeper:zookeeper:3.9.99"));
        assertEquals("Cannot resolve the class path of org.apache.zookeeper:zookeeper:3.9.99 offline from the"
                + " local Maven repository " + central.localRepository() + ": not in the local repository:"
                + " org.apache.zookeeper:zookeeper:pom:3.9.99. To fetch it with its dependencies, run:"
                + " ./mvnw dependency:get -Dartifact=org.apache.zookeeper:zookeeper:3.9.99"
                + defaultRepositoryHint(central.localRepository()), failure.getMessage());
    }

    @Test
    void malformedCoordinatesNameWhatWasExpected() {
        String expected = "expected groupId:artifactId[:extension[:classifier]]:version"
                + " (e.g. org.apache.zookeeper:zookeeper:3.9.4), found ";
        assertEquals("Malformed Maven coordinate 'org.apache.zookeeper:zookeeper': " + expected
                        + "2 colon-separated parts",
                assertThrows(IllegalArgumentException.class,
                        () -> central.resolveClassPath("org.apache.zookeeper:zookeeper")).getMessage());
        assertEquals("Malformed Maven coordinate 'g:a:jar:linux:1:2': " + expected + "6 colon-separated parts",
                assertThrows(IllegalArgumentException.class,
                        () -> central.resolveClassPath("g:a:jar:linux:1:2")).getMessage());
        assertEquals("Malformed Maven coordinate 'org.apache.zookeeper::3.9.4': " + expected
                        + "an empty artifactId",
                assertThrows(IllegalArgumentException.class,
                        () -> central.resolveClassPath("org.apache.zookeeper::3.9.4")).getMessage());
        assertEquals("Malformed Maven coordinate 'g:a:jar: :1': " + expected + "whitespace in classifier ' '",
                assertThrows(IllegalArgumentException.class,
                        () -> central.resolveClassPath("g:a:jar: :1")).getMessage());
        assertEquals("Malformed Maven coordinate null: expected groupId:artifactId[:extension[:classifier]]:version",
                assertThrows(IllegalArgumentException.class, () -> central.resolveClassPath(null)).getMessage());
    }

    // ---- Maven's rules, on a hand-written repository ----

    /**
     * t:app:1 (parent t:parent:1, which sets a.version=2 and imports the BOM t:bom:1 managing
     * t:b:1 and t:c:3) depends on t:a:${a.version}, t:b (excluding t:x), t:d:2, t:r:1 (runtime),
     * t:opt:1 (optional), t:tst:1 (test) and t:prv:1 (provided). t:a:2 depends on t:c:1, t:f:1,
     * t:d:1, t:aopt:1 (optional) and t:atst:1 (test); t:b:1 on t:c:2, t:f:2, t:x:1 and t:e:1.
     * opt, tst, prv, aopt and atst are absent from the repository, so selecting one would fail.
     */
    private static Path mavenRulesRepository(Path root) {
        Path repository = root.resolve("repository");
        pom(repository, "bom", "1", """
                <packaging>pom</packaging>
                <dependencyManagement><dependencies>
                  %s
                  %s
                </dependencies></dependencyManagement>
                """.formatted(dep("b", "1", ""), dep("c", "3", "")));
        pom(repository, "parent", "1", """
                <packaging>pom</packaging>
                <properties><a.version>2</a.version></properties>
                <dependencyManagement><dependencies>
                  %s
                </dependencies></dependencyManagement>
                """.formatted(dep("bom", "1", "<type>pom</type><scope>import</scope>")));
        jar(repository, "app", "1", """
                <parent><groupId>t</groupId><artifactId>parent</artifactId><version>1</version></parent>
                <dependencies>
                  %s
                  <dependency><groupId>t</groupId><artifactId>b</artifactId>
                    <exclusions><exclusion><groupId>t</groupId><artifactId>x</artifactId></exclusion></exclusions>
                  </dependency>
                  %s %s %s %s %s
                </dependencies>
                """.formatted(dep("a", "${a.version}", ""), dep("d", "2", ""),
                dep("opt", "1", "<optional>true</optional>"), dep("tst", "1", "<scope>test</scope>"),
                dep("prv", "1", "<scope>provided</scope>"), dep("r", "1", "<scope>runtime</scope>")));
        jar(repository, "a", "2", """
                <dependencies>%s %s %s %s %s</dependencies>
                """.formatted(dep("c", "1", ""), dep("f", "1", ""), dep("d", "1", ""),
                dep("aopt", "1", "<optional>true</optional>"), dep("atst", "1", "<scope>test</scope>")));
        jar(repository, "b", "1", """
                <dependencies>%s %s %s %s</dependencies>
                """.formatted(dep("c", "2", ""), dep("f", "2", ""), dep("x", "1", ""), dep("e", "1", "")));
        for (String[] leaf : new String[][] {{"c", "1"}, {"c", "2"}, {"c", "3"}, {"d", "1"}, {"d", "2"},
                {"e", "1"}, {"f", "1"}, {"f", "2"}, {"x", "1"}, {"r", "1"}}) {
            jar(repository, leaf[0], leaf[1], "");
        }
        return repository;
    }

    @Test
    void parentPropertiesBomImportsMediationExclusionsScopesAndOptionalsFollowMaven(@TempDir Path root) {
        Path repository = mavenRulesRepository(root);
        try (MavenArtifacts artifacts = new MavenArtifacts(repository)) {
            // a's version from the parent's property; b's from the imported BOM; c managed to 3 by
            // the program's own BOM throughout its graph; f: first declaration at equal depth wins;
            // d: the nearer d:2 beats a's d:1; x excluded; optional, test, provided skipped.
            assertEquals(List.of("app-1.jar", "a-2.jar", "c-3.jar", "f-1.jar", "b-1.jar", "e-1.jar",
                    "d-2.jar", "r-1.jar"), fileNames(artifacts.resolveClassPath("t:app:1")));
            assertEquals(List.of("b-1.jar", "c-2.jar", "f-2.jar", "x-1.jar", "e-1.jar"),
                    fileNames(artifacts.resolveClassPath("t:b:jar:1")));
        }
    }

    @Test
    void resolutionReadsTheLocalRepositoryWithoutWritingToIt(@TempDir Path root) {
        Path repository = mavenRulesRepository(root);
        List<String> before = listing(repository);
        try (MavenArtifacts artifacts = new MavenArtifacts(repository)) {
            artifacts.resolveClassPath("t:app:1");
            assertThrows(ClassPathResolutionException.class, () -> artifacts.resolveClassPath("t:gone:1"));
        }
        assertEquals(before, listing(repository));
    }

    @Test
    void repositoriesDeclaredInPomsAreNeverConsulted(@TempDir Path root) throws IOException {
        Path repository = root.resolve("repository");
        Path elsewhere = root.resolve("elsewhere");
        jar(elsewhere, "lib", "1", "");
        jar(repository, "uses-elsewhere", "1", """
                <repositories><repository><id>elsewhere</id><url>%s</url></repository></repositories>
                <dependencies>%s</dependencies>
                """.formatted(elsewhere.toUri(), dep("lib", "1", "")));
        try (MavenArtifacts artifacts = new MavenArtifacts(repository)) {
            ClassPathResolutionException failure = assertThrows(ClassPathResolutionException.class,
                    () -> artifacts.resolveClassPath("t:uses-elsewhere:1"));
            assertEquals("Cannot resolve the class path of t:uses-elsewhere:1 offline from the local Maven"
                    + " repository " + repository + ": not in the local repository: t:lib:pom:1, t:lib:jar:1."
                    + " To fetch it with its dependencies, run: ./mvnw dependency:get"
                    + " -Dartifact=t:uses-elsewhere:1 -Dmaven.repo.local=" + repository, failure.getMessage());
        }
    }

    @Test
    void missingTransitiveJarIsNamedWithTheProgramsFetchCommand(@TempDir Path root) throws IOException {
        Path repository = mavenRulesRepository(root);
        Files.delete(repository.resolve("t/e/1/e-1.jar"));
        try (MavenArtifacts artifacts = new MavenArtifacts(repository)) {
            ClassPathResolutionException failure = assertThrows(ClassPathResolutionException.class,
                    () -> artifacts.resolveClassPath("t:app:jar:1"));
            assertEquals("Cannot resolve the class path of t:app:jar:1 offline from the local Maven repository "
                    + repository + ": not in the local repository: t:e:jar:1. To fetch it with its dependencies,"
                    + " run: ./mvnw dependency:get -Dartifact=t:app:1 -Dmaven.repo.local=" + repository,
                    failure.getMessage());
        }
    }

    @Test
    void artifactsFetchedAfterAFailureAreFoundByTheSameInstance(@TempDir Path root) throws IOException {
        Path repository = mavenRulesRepository(root);
        Path eJar = repository.resolve("t/e/1/e-1.jar");
        Path ePom = repository.resolve("t/e/1/e-1.pom");
        byte[] jarBytes = Files.readAllBytes(eJar);
        byte[] pomBytes = Files.readAllBytes(ePom);
        Files.delete(eJar);
        Files.delete(ePom);
        try (MavenArtifacts artifacts = new MavenArtifacts(repository)) {
            assertThrows(ClassPathResolutionException.class, () -> artifacts.resolveClassPath("t:app:1"));
            Files.write(ePom, pomBytes);
            assertThrows(ClassPathResolutionException.class, () -> artifacts.resolveClassPath("t:app:1"));
            Files.write(eJar, jarBytes);
            assertEquals(List.of("app-1.jar", "a-2.jar", "c-3.jar", "f-1.jar", "b-1.jar", "e-1.jar",
                    "d-2.jar", "r-1.jar"), fileNames(artifacts.resolveClassPath("t:app:1")));
        }
    }

    @Test
    void fetchCommandSpellsExtensionAndClassifierTheWayDependencyGetExpects(@TempDir Path root) {
        Path repository = root.resolve("does-not-exist");
        try (MavenArtifacts artifacts = new MavenArtifacts(repository)) {
            ClassPathResolutionException failure = assertThrows(ClassPathResolutionException.class,
                    () -> artifacts.resolveClassPath("g:a:zip:dist:1.0"));
            assertEquals("Cannot resolve the class path of g:a:zip:dist:1.0 offline from the local Maven"
                    + " repository " + repository + ": not in the local repository: g:a:pom:1.0. To fetch it"
                    + " with its dependencies, run: ./mvnw dependency:get -Dartifact=g:a:1.0:zip:dist"
                    + " -Dmaven.repo.local=" + repository + " (the local repository directory does not exist)",
                    failure.getMessage());
        }
    }

    @Test
    void mavenRepoLocalSystemPropertyChoosesTheDefaultRepository(@TempDir Path root) {
        Path repository = mavenRulesRepository(root);
        String previous = System.getProperty(MavenArtifacts.LOCAL_REPOSITORY_PROPERTY);
        System.setProperty(MavenArtifacts.LOCAL_REPOSITORY_PROPERTY, repository.toString());
        try (MavenArtifacts artifacts = new MavenArtifacts()) {
            assertEquals(repository, artifacts.localRepository());
            assertEquals("app-1.jar", artifacts.resolveClassPath("t:app:1").getFirst().getFileName().toString());
        } finally {
            if (previous == null) {
                System.clearProperty(MavenArtifacts.LOCAL_REPOSITORY_PROPERTY);
            } else {
                System.setProperty(MavenArtifacts.LOCAL_REPOSITORY_PROPERTY, previous);
            }
        }
        assertFalse(MavenArtifacts.defaultLocalRepository().equals(repository));
    }

    // ---- helpers ----

    private static String defaultRepositoryHint(Path repository) {
        Path mavenDefault = Path.of(System.getProperty("user.home"), ".m2", "repository").toAbsolutePath().normalize();
        return repository.equals(mavenDefault) ? "" : " -Dmaven.repo.local=" + repository;
    }

    private static List<String> fileNames(List<Path> classPath) {
        return classPath.stream().map(p -> p.getFileName().toString()).toList();
    }

    private static List<String> listing(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.map(p -> directory.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dep(String artifactId, String version, String extra) {
        return "<dependency><groupId>t</groupId><artifactId>" + artifactId + "</artifactId><version>" + version
                + "</version>" + extra + "</dependency>";
    }

    private static void pom(Path repository, String artifactId, String version, String body) {
        write(repository.resolve("t/" + artifactId + "/" + version + "/" + artifactId + "-" + version + ".pom"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>t</groupId><artifactId>%s</artifactId><version>%s</version>
                  %s
                </project>
                """.formatted(artifactId, version, body));
    }

    private static void jar(Path repository, String artifactId, String version, String body) {
        pom(repository, artifactId, version, body);
        // The resolver never opens a jar: any bytes stand for the program's classes.
        write(repository.resolve("t/" + artifactId + "/" + version + "/" + artifactId + "-" + version + ".jar"),
                artifactId + "-" + version);
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
