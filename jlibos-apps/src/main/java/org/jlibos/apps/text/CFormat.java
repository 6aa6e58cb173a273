package org.jlibos.apps.text;

import java.math.BigDecimal;
import java.math.MathContext;

/** printf conversions of C that Java's Formatter renders differently, for the tools' exact output. */
public final class CFormat {

    private CFormat() {
    }

    /**
     * C's {@code %g} for the percentages ping and iperf3 print: six significant digits, trailing
     * zeros dropped, no exponent in the ranges they print ("0", "20", "33.3333", "51.203").
     */
    public static String g(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
