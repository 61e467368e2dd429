package io.acdest.adapters.http;

/** A request body that can never be accepted; answered with 400 and this code and message. */
final class PayloadRejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public PayloadRejected(String code, String message) {
    super(message);
    this.code = code;
  }

  /** The machine code, e.g. {@code invalid_json}. */
  public String code() {
    return code;
  }
}
