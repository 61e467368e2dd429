/**
 * The CRM-side model: contacts, tags, list subscriptions, custom fields, tracked events and site visits, as
 * value objects that validate themselves and carry the rules that concern them.
 */
package io.acdest.domain.model;
