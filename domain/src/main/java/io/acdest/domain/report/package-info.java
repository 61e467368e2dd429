/**
 * What operators read about one destination's deliveries (docs/behaviour.md §8): the funnel from received to
 * delivered over a window, the outcomes over time, and the failures grouped by reason
 * ({@link io.acdest.domain.report.FailureReason}) with samples.
 */
package io.acdest.domain.report;
