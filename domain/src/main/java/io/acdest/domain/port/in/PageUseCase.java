package io.acdest.domain.port.in;

/** Incoming port: accept one page call: validate and map it, record it, and queue its delivery. */
public interface PageUseCase {
  AcceptResult page(PageCommand command);
}
