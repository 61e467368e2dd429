package io.acdest.domain.call;

import io.acdest.domain.model.InvalidField;

/**
 * Why a call was rejected: a machine code ({@code missing_event}), the field at fault and a message for people
 * ({@code event is required for track calls}). A rejected call is stored and never delivered.
 */
public record Rejection(String code, String field, String message) {
  public Rejection {
    if (code == null || field == null || message == null) {
      throw new IllegalArgumentException("code, field and message are required");
    }
  }

  /** The rejection for a broken rule. */
  public static Rejection of(InvalidField error) {
    return new Rejection(error.code().wire(), error.field(), error.getMessage());
  }
}
