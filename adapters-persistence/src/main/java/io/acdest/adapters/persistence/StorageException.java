package io.acdest.adapters.persistence;

import java.sql.SQLException;

/** The database could not do what was asked (unreachable, or the statement failed); nothing of it was stored. */
final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(SQLException cause) {
    super("database error (SQLState " + cause.getSQLState() + "): " + cause.getMessage(), cause);
  }
}
