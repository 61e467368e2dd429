/**
 * Inbound calls (identify, track, page and the types that are only stored) and the rules that turn a received
 * call into what the CRM should do: the envelope (identity, message id, skew-corrected timestamp), the
 * integrations filter, and one {@code from} method per call type holding that type's mapping.
 */
package io.acdest.domain.call;
