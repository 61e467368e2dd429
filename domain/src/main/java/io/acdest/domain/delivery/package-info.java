/** Delivery: queued jobs, the explicit outcome of delivering one, and the retry rule of docs/behaviour.md §4. */
package io.acdest.domain.delivery;
