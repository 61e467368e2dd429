package io.acdest.adapters.persistence;

/** The database was migrated by a newer release than this one: starting would risk writing rows it cannot read. */
final class SchemaTooNewException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaTooNewException(String message) {
    super(message);
  }
}
