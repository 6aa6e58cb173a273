package org.jlibos.dce.runtime;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jlibos.dce.boot.SimulatedProgramLoader;

/**
 * The class loader of one simulated JVM process: child-first over the program's class path, so
 * every process has its own copy of the program's classes and statics (as {@code dlmopen} gives
 * each DCE process its own libc). Only packages of the JDK's boot layer and the agent's hook
 * package are shared, because the JDK cannot be loaded twice and the hooks must be the ones the
 * rewritten JDK classes call.
 *
 * <p>Implements {@link SimulatedProgramLoader} so the agent applies the program-only rewrites
 * (exit, randomness, properties) to classes defined here.
 */
public final class ProcessClassLoader extends URLClassLoader implements SimulatedProgramLoader {

    static {
        registerAsParallelCapable();
    }

    private static final Set<String> JDK_PACKAGES = jdkPackages();

    public ProcessClassLoader(String name, List<URL> classPath) {
        super(name, classPath.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }

    private static Set<String> jdkPackages() {
        Set<String> packages = new HashSet<>();
        for (Module m : ModuleLayer.boot().modules()) {
            packages.addAll(m.getPackages());
        }
        return packages;
    }

    private static boolean shared(String className) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        return JDK_PACKAGES.contains(pkg) || pkg.startsWith("org.jlibos.dce.boot");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                if (shared(name)) {
                    c = shared(name, resolve);
                } else {
                    try {
                        c = findClass(name);
                    } catch (ClassNotFoundException e) {
                        c = getParent().loadClass(name);
                    }
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> shared(String name, boolean resolve) throws ClassNotFoundException {
        if (name.startsWith("org.jlibos.dce.boot.")) {
            // On the boot class path (the agent's Boot-Class-Path); the platform loader delegates there.
            return Class.forName(name, false, null);
        }
        return getParent().loadClass(name);
    }

    @Override
    public URL getResource(String name) {
        URL url = findResource(name);
        return url != null ? url : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
