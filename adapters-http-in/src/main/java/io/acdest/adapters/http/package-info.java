/**
 * Inbound adapter: the Segment-compatible HTTP tracking API. Turns request bodies into
 * {@link io.acdest.domain.call.ReceivedCall}s and drives the incoming ports.
 */
package io.acdest.adapters.http;
