package org.jlibos.dce.launch;

/** A program's class path cannot be resolved from the local Maven repository. */
public final class ClassPathResolutionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClassPathResolutionException(String message, Throwable cause) {
        super(message, cause);
    }
}
