package io.brokerbench.bench.vendor;

/** A vendor tool that failed or printed nothing we could parse; the message quotes its output. */
public final class VendorToolException extends Exception {
  private static final long serialVersionUID = 1L;

  public VendorToolException(String message) {
    super(message);
  }
}
