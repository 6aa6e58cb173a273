/**
 * The packetdrill language: {@link org.jlibos.packetdrill.script.Lexer} and
 * {@link org.jlibos.packetdrill.script.Parser} turn a script into a
 * {@link org.jlibos.packetdrill.script.Script} of timed
 * {@link org.jlibos.packetdrill.script.Event}s with their line numbers. Nothing here knows the
 * simulator; the grammar follows packetdrill's {@code lexer.l} and {@code parser.y} as described
 * in {@code shared/conformance/packetdrill/README.md} §5.
 */
package org.jlibos.packetdrill.script;
