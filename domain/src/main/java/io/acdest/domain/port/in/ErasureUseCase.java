package io.acdest.domain.port.in;

import io.acdest.domain.call.PersonIdentifiers;
import io.acdest.domain.port.out.PersonalData.ErasureRecord;
import java.util.List;

/** Incoming port for operators: erase a person on request (GDPR, CCPA), optionally in the CRM and for good. */
public interface ErasureUseCase {

  /** Erases the person; with {@code crm} their CRM contact too; with {@code suppress} their later calls are kept out. */
  ErasureRecord erase(ErasureRequest request);

  /** The erasure log, newest first. */
  List<ErasureRecord> erasures(int limit);

  /** Lifts a suppression; false when there is none with this id. */
  boolean liftSuppression(String suppressionId);

  /** Whom to erase, and how far. */
  record ErasureRequest(PersonIdentifiers who, boolean crm, boolean suppress) {}
}
