/**
 * Outbound adapter: Mailchimp's Marketing API (3.0) behind the CRM ports, an audience's members standing for
 * contacts. The only place Mailchimp's name, URLs and wire shapes appear.
 */
package io.acdest.adapters.mailchimp;
