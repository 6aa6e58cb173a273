/**
 * The scenario model: immutable records describing one simulation run ({@link
 * org.jlibos.scenario.model.Scenario} and its parts), the fluent {@link
 * org.jlibos.scenario.model.ScenarioBuilder} that validates them, and the error types that tie
 * every problem to a file position.
 *
 * <p>Scenario files and the Java API both end in {@code ScenarioBuilder.build}, so the rules
 * live in one place and a file means exactly what the equivalent Java code means.
 */
package org.jlibos.scenario.model;
