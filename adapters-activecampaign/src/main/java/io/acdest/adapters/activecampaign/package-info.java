/**
 * Outbound adapter: ActiveCampaign behind the CRM ports. The only place the vendor's name, URLs and wire
 * shapes appear.
 */
package io.acdest.adapters.activecampaign;
