package org.jlibos.dce.programs;

/**
 * Prints what a JVM program sees of its own configuration: -D system properties, environment
 * variables, a property it sets itself, and runs a shutdown hook at exit.
 * Usage: PropertiesAndEnvironment property-name...
 */
public final class PropertiesAndEnvironment {

    public static void main(String[] args) {
        for (String name : args) {
            System.out.println(name + "=" + System.getProperty(name));
        }
        System.out.println("Integer.getInteger(app.port)=" + Integer.getInteger("app.port", -1));
        System.out.println("Boolean.getBoolean(app.debug)=" + Boolean.getBoolean("app.debug"));
        System.out.println("HOSTNAME=" + System.getenv("HOSTNAME") + " APP_MODE=" + System.getenv("APP_MODE"));
        System.out.println("previous app.set=" + System.setProperty("app.set", "mine"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        System.exit(4);
    }
}
