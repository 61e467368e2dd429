package io.acdest.domain.delivery;

/**
 * What operators are told of a destination: its id, its CRM kind, and the account it writes (an API host and account
 * id, or the built-in sandbox; never a key).
 */
public record DestinationProfile(DestinationId id, String kind, String account) {}
