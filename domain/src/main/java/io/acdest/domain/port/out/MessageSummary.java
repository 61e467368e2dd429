package io.acdest.domain.port.out;

import java.util.Optional;

/**
 * A message as a list of search results shows it: the message, and who and what the call names, as the call holds
 * them (its userId, the email in its traits, properties or context, and its event or page name).
 */
public record MessageSummary(
    StoredMessage message,
    Optional<String> userId,
    Optional<String> email,
    Optional<String> name) {}
