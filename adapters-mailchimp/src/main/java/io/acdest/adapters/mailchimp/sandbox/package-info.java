/**
 * A Mailchimp account in a process: the Marketing API's member, tag, event, merge-field and batch-subscribe
 * endpoints answering as the published API does and as users report it answering, for tests and the embedded
 * default.
 */
package io.acdest.adapters.mailchimp.sandbox;
