package org.jlibos.dce.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.aether.DefaultRepositoryCache;
import org.eclipse.aether.RepositoryCache;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.DependencyCollectionContext;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.collection.DependencySelector;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.DependencyResult;
import org.eclipse.aether.spi.connector.transport.TransporterFactory;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.util.filter.ScopeDependencyFilter;
import org.eclipse.aether.util.graph.selector.AndDependencySelector;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;

/**
 * Resolves the class path of a JVM program published to a Maven repository, from its coordinate,
 * using only the local repository: no remote repository is configured, the session is offline,
 * and repositories that POMs declare are ignored, so resolution never touches the network.
 *
 * <p>The artifact is the root of its own dependency graph, as in the program's own build: its
 * dependencyManagement (with BOM imports and parent POMs) governs the versions of the whole
 * graph, and Maven 3's rules apply below it (nearest wins, exclusions, test and provided
 * dependencies not inherited, optional dependencies skipped). The class path is the graph in
 * Maven 3's pre-order (the order {@code mvn dependency:build-classpath} prints), so it is the same
 * on every call.
 *
 * <p>Not thread-safe to close while resolving; resolving from several threads is safe.
 */
public final class MavenArtifacts implements AutoCloseable {

    /** The system property Maven itself reads for the local repository's location. */
    public static final String LOCAL_REPOSITORY_PROPERTY = "maven.repo.local";

    private static final String EXPECTED_COORDINATE =
            "groupId:artifactId[:extension[:classifier]]:version";

    private final Path localRepository;
    private final RepositorySystem repositorySystem;
    /**
     * POMs and models read by earlier resolutions (a warm resolution is ~20x faster). The resolver
     * also caches failures, so it is dropped after one: the missing files may be fetched meanwhile.
     */
    private volatile RepositoryCache cache = new DefaultRepositoryCache();

    /** Uses {@code -Dmaven.repo.local} if set, else {@code ~/.m2/repository}. */
    public MavenArtifacts() {
        this(defaultLocalRepository());
    }

    public MavenArtifacts(Path localRepository) {
        this.localRepository = localRepository.toAbsolutePath().normalize();
        this.repositorySystem = new LocalOnlyRepositorySystemSupplier().get();
    }

    public static Path defaultLocalRepository() {
        String configured = System.getProperty(LOCAL_REPOSITORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    public Path localRepository() {
        return localRepository;
    }

    /**
     * Returns the artifact's file followed by the files of its transitive compile and runtime
     * dependencies, in Maven's class path order.
     *
     * @param coordinate {@code groupId:artifactId[:extension[:classifier]]:version}
     * @throws IllegalArgumentException if the coordinate is malformed
     * @throws ClassPathResolutionException if the artifact, one of its dependencies or one of
     *     their POMs is not in the local repository, or a POM cannot be interpreted
     */
    public List<Path> resolveClassPath(String coordinate) {
        Artifact artifact = parseCoordinate(coordinate);
        CollectRequest collect = new CollectRequest(new Dependency(artifact, "compile"), List.of());
        DependencyRequest request = new DependencyRequest(
                collect, new ScopeDependencyFilter(List.of("compile", "runtime"), List.of()));
        DependencyResult result;
        try (CloseableSession session = newSession()) {
            result = repositorySystem.resolveDependencies(session, request);
        } catch (DependencyResolutionException e) {
            cache = new DefaultRepositoryCache();
            throw failure(coordinate, e);
        }
        Set<Path> classPath = new LinkedHashSet<>();
        for (ArtifactResult resolved : result.getArtifactResults()) {
            classPath.add(resolved.getArtifact().getPath());
        }
        return List.copyOf(classPath);
    }

    @Override
    public void close() {
        repositorySystem.shutdown();
    }

    /** Parses {@code groupId:artifactId[:extension[:classifier]]:version}; extension defaults to jar. */
    static Artifact parseCoordinate(String coordinate) {
        if (coordinate == null) {
            throw new IllegalArgumentException(
                    "Malformed Maven coordinate null: expected " + EXPECTED_COORDINATE);
        }
        String[] parts = coordinate.split(":", -1);
        if (parts.length < 3 || parts.length > 5) {
            throw malformed(coordinate, parts.length + " colon-separated parts");
        }
        String[] names = switch (parts.length) {
            case 3 -> new String[] {"groupId", "artifactId", "version"};
            case 4 -> new String[] {"groupId", "artifactId", "extension", "version"};
            default -> new String[] {"groupId", "artifactId", "extension", "classifier", "version"};
        };
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                throw malformed(coordinate, "an empty " + names[i]);
            }
            if (!parts[i].strip().equals(parts[i]) || parts[i].chars().anyMatch(Character::isWhitespace)) {
                throw malformed(coordinate, "whitespace in " + names[i] + " '" + parts[i] + "'");
            }
        }
        String groupId = parts[0];
        String artifactId = parts[1];
        String version = parts[parts.length - 1];
        String extension = parts.length >= 4 ? parts[2] : "jar";
        String classifier = parts.length == 5 ? parts[3] : "";
        return new DefaultArtifact(groupId, artifactId, classifier, extension, version);
    }

    private static IllegalArgumentException malformed(String coordinate, String found) {
        return new IllegalArgumentException("Malformed Maven coordinate '" + coordinate + "': expected "
                + EXPECTED_COORDINATE + " (e.g. org.apache.zookeeper:zookeeper:3.9.4), found " + found);
    }

    private CloseableSession newSession() {
        SessionBuilderSupplier maven3 = new SessionBuilderSupplier(repositorySystem);
        return maven3.get()
                // Maven 3 keeps a project's own optional dependencies; the root here is the
                // program, which is depended upon, so its optional dependencies go too.
                .setDependencySelector(new AndDependencySelector(
                        maven3.getDependencySelector(), new NonOptionalDependencySelector()))
                // "simple": an artifact in the local repository is used whichever remote repository
                // it came from (the default layout would hide artifacts fetched from central, since
                // no remote repository is configured here).
                .withLocalRepositories(new LocalRepository(localRepository, "simple"))
                .setOffline(true)
                .setCache(cache)
                .setIgnoreArtifactDescriptorRepositories(true)
                // A missing POM means an incomplete download: Maven 3 would warn and drop that
                // artifact's dependencies, leaving a class path that fails later and obscurely.
                // Invalid POMs stay tolerated as in Maven 3 (old POMs on Central are sloppy).
                .setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(false, true))
                // Locks within this JVM only: the default file locks would create .locks in the
                // repository, and resolution here only reads files that are already complete.
                .setConfigProperty("aether.syncContext.named.factory", "rwlock-local")
                .setConfigProperty("aether.syncContext.named.nameMapper", "gav")
                // Depth-first collection in the calling thread: the default breadth-first
                // collector reads POMs on a pool of platform threads, which DCE's call-site
                // rewriting would turn into simulated threads, and which local files do not need.
                .setConfigProperty("aether.dependencyCollector.impl", "df")
                // Maven 3's class path order; resolver 2 defaults to level order (Maven 4).
                .setConfigProperty("aether.system.dependencyVisitor", "preOrder")
                .build();
    }

    private ClassPathResolutionException failure(String coordinate, DependencyResolutionException e) {
        Map<String, Artifact> missing = new LinkedHashMap<>();
        collectMissing(e, missing, new IdentityHashMap<>());
        StringBuilder message = new StringBuilder();
        message.append("Cannot resolve the class path of ").append(coordinate)
                .append(" offline from the local Maven repository ").append(localRepository);
        if (!missing.isEmpty()) {
            message.append(": not in the local repository: ").append(String.join(", ", missing.keySet()));
        } else {
            message.append(": ").append(e.getMessage());
        }
        message.append(". To fetch it with its dependencies, run: ./mvnw dependency:get -Dartifact=")
                .append(dependencyGetArtifact(parseCoordinate(coordinate)));
        if (!localRepository.equals(Path.of(System.getProperty("user.home"), ".m2", "repository")
                .toAbsolutePath().normalize())) {
            message.append(" -D").append(LOCAL_REPOSITORY_PROPERTY).append('=').append(localRepository);
        }
        if (!Files.isDirectory(localRepository)) {
            message.append(" (the local repository directory does not exist)");
        }
        return new ClassPathResolutionException(message.toString(), e);
    }

    /** dependency:get spells coordinates groupId:artifactId:version[:packaging[:classifier]]. */
    private static String dependencyGetArtifact(Artifact artifact) {
        StringBuilder spelled = new StringBuilder()
                .append(artifact.getGroupId()).append(':')
                .append(artifact.getArtifactId()).append(':')
                .append(artifact.getVersion());
        boolean hasClassifier = !artifact.getClassifier().isEmpty();
        if (hasClassifier || !artifact.getExtension().equals("jar")) {
            spelled.append(':').append(artifact.getExtension());
        }
        if (hasClassifier) {
            spelled.append(':').append(artifact.getClassifier());
        }
        return spelled.toString();
    }

    /** Finds every ArtifactNotFoundException, wherever the resolver nested it, in discovery order. */
    private static void collectMissing(Throwable failure, Map<String, Artifact> missing,
            Map<Throwable, Boolean> seen) {
        if (failure == null || seen.put(failure, Boolean.TRUE) != null) {
            return;
        }
        if (failure instanceof ArtifactNotFoundException notFound && notFound.getArtifact() != null) {
            missing.putIfAbsent(notFound.getArtifact().toString(), notFound.getArtifact());
        }
        List<Throwable> nested = new ArrayList<>();
        switch (failure) {
            case DependencyResolutionException resolution when resolution.getResult() != null -> {
                DependencyResult result = resolution.getResult();
                if (result.getCollectExceptions() != null) {
                    nested.addAll(result.getCollectExceptions());
                }
                for (ArtifactResult artifactResult : result.getArtifactResults()) {
                    nested.addAll(artifactResult.getExceptions());
                }
            }
            case DependencyCollectionException collection when collection.getResult() != null ->
                    nested.addAll(collection.getResult().getExceptions());
            case ArtifactResolutionException artifacts -> {
                for (ArtifactResult artifactResult : artifacts.getResults()) {
                    nested.addAll(artifactResult.getExceptions());
                }
            }
            default -> { }
        }
        nested.add(failure.getCause());
        nested.addAll(List.of(failure.getSuppressed()));
        for (Throwable next : nested) {
            collectMissing(next, missing, seen);
        }
    }

    /** Rejects optional dependencies at every depth below the root. */
    private static final class NonOptionalDependencySelector implements DependencySelector {
        @Override
        public boolean selectDependency(Dependency dependency) {
            return !dependency.isOptional();
        }

        @Override
        public DependencySelector deriveChildSelector(DependencyCollectionContext context) {
            return this;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NonOptionalDependencySelector;
        }

        @Override
        public int hashCode() {
            return NonOptionalDependencySelector.class.hashCode();
        }
    }

    /** The Maven 3 repository system without network transports (the session has no remote repository). */
    private static final class LocalOnlyRepositorySystemSupplier extends RepositorySystemSupplier {
        @Override
        protected Map<String, TransporterFactory> createTransporterFactories() {
            // The default would instantiate the HTTP transporter, which jlibos-dce excludes.
            return new LinkedHashMap<>();
        }
    }
}
