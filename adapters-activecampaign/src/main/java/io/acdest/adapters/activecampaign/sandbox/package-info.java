/**
 * An in-process fake of the ActiveCampaign endpoints the client uses, with ActiveCampaign's semantics, a rate
 * limit, fault injection and a browsable state: for tests, benchmarks, drills and the service's embedded default.
 */
package io.acdest.adapters.activecampaign.sandbox;
