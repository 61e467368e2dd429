package io.acdest.domain.model;

/** Raised when a field of an inbound call breaks a rule; names the field (as a path) and the rule. */
public final class InvalidField extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Machine codes of the rules, as reported to clients and stored on rejected messages. */
  public enum Code {
    INVALID_FIELD("invalid_field"),
    MISSING_IDENTITY("missing_identity"),
    MISSING_EVENT("missing_event"),
    MISSING_URL("missing_url"),
    /** A number or a time beyond what can be exchanged and stored (see {@code Timestamps}, {@code NumberRange}). */
    OUT_OF_RANGE("out_of_range");

    private final String wire;

    Code(String wire) {
      this.wire = wire;
    }

    /** The code as clients see it, e.g. {@code missing_event}. */
    public String wire() {
      return wire;
    }
  }

  private final Code code;
  private final String field;
  private final String rule;

  public InvalidField(String field, String rule) {
    this(Code.INVALID_FIELD, field, rule);
  }

  public InvalidField(Code code, String field, String rule) {
    super(field + " " + rule);
    this.code = code;
    this.field = field;
    this.rule = rule;
  }

  public Code code() {
    return code;
  }

  /** The path of the offending field, e.g. {@code traits.lists[1].status}. */
  public String field() {
    return field;
  }

  /** The rule the field broke, e.g. {@code must be 'active' or 'unsubscribed'}. */
  public String rule() {
    return rule;
  }
}
