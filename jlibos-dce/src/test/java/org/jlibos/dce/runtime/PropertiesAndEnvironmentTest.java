package org.jlibos.dce.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.jlibos.dce.DceWorld;
import org.jlibos.dce.programs.PropertiesAndEnvironment;
import org.jlibos.sim.process.SimProcess;
import org.junit.jupiter.api.Test;

/** Each simulated JVM has its own -D properties, environment and shutdown hooks. */
class PropertiesAndEnvironmentTest {

    private static SimProcess start(DceWorld w, org.jlibos.sim.node.Node node, String id, List<String> options, Map<String, String> env) {
        List<String> argv = new java.util.ArrayList<>(List.of("java", "-cp", DceWorld.testPrograms().toString()));
        argv.addAll(options);
        argv.add(PropertiesAndEnvironment.class.getName());
        argv.addAll(List.of("app.name", "app.set", "java.version"));
        return node.spawn(id, 0, argv, env);
    }

    @Test
    void propertiesEnvironmentAndHooksArePerProcess() {
        DceWorld w = new DceWorld(1);
        SimProcess a = start(w, w.h1, "a", List.of("-Dapp.name=alpha", "-Dapp.port=8080", "-Dapp.debug=true"), Map.of("APP_MODE", "blue"));
        SimProcess b = start(w, w.h2, "b", List.of("-Dapp.name=beta"), Map.of());
        w.sim.runUntilIdle();
        String javaVersion = System.getProperty("java.version");
        assertEquals("""
                app.name=alpha
                app.set=null
                java.version=%s
                Integer.getInteger(app.port)=8080
                Boolean.getBoolean(app.debug)=true
                HOSTNAME=h1 APP_MODE=blue
                previous app.set=null
                shutdown hook ran
                """.formatted(javaVersion), a.stdout().text());
        // b sees its own -D and none of a's, although a set app.set before b read it.
        assertEquals("""
                app.name=beta
                app.set=null
                java.version=%s
                Integer.getInteger(app.port)=-1
                Boolean.getBoolean(app.debug)=false
                HOSTNAME=h2 APP_MODE=null
                previous app.set=null
                shutdown hook ran
                """.formatted(javaVersion), b.stdout().text());
        assertEquals(4, a.exitStatus());
        assertEquals(4, b.exitStatus());
        // Nothing leaked into the JVM that hosts the simulation.
        assertNull(System.getProperty("app.name"));
        assertNull(System.getProperty("app.set"));
    }
}
