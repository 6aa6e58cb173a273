package org.jlibos.kernel.route;

/**
 * Supplies routes the tables do not have yet. Scenario-wide routing ({@code routes: auto},
 * like ns-3's global or Nix-vector routing) plugs in here and computes the route on the first
 * packet to a destination instead of filling every table up front, so 100,000-node topologies
 * need no all-pairs tables. The returned route is added to the main table.
 */
@FunctionalInterface
public interface RouteResolver {

    /** A main-table route towards {@code dst}, or null when there is none. */
    Route resolve(int dst);
}
