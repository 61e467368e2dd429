package io.acdest.domain.message;

/** What makes a message unique: its source and its messageId. A second call with the same key is a duplicate. */
public record MessageKey(SourceId source, MessageId messageId) {
  public MessageKey {
    if (source == null || messageId == null) {
      throw new IllegalArgumentException("source and messageId are required");
    }
  }
}
