package org.jlibos.scenario.model;

/** Where the IPv4 addresses of a link or LAN came from. */
public enum Addressing {
    /** Written in the scenario ({@code addresses:} of a link, {@code subnet:} of a LAN). */
    GIVEN,
    /** Chosen by the scenario from 10.0.0.0/8 (see {@link Link}). */
    AUTOMATIC,
    /** {@code addresses: none} / {@code subnet: none}: the devices come up without an address. */
    NONE
}
