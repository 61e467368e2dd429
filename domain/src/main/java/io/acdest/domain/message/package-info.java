/** Messages: the stored form of every accepted call, its identity ({@link io.acdest.domain.message.MessageKey}) and its lifecycle. */
package io.acdest.domain.message;
