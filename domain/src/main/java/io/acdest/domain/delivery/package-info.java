/** Delivery: queued jobs, the explicit outcome of delivering one, and the retry rule of §4. */
package io.acdest.domain.delivery;
