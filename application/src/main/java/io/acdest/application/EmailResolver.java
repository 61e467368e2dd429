package io.acdest.application;

import io.acdest.domain.call.EmailSource;
import io.acdest.domain.model.EmailAddress;
import io.acdest.domain.port.out.ContactDirectory;
import java.util.List;
import java.util.Optional;

/** Resolves a call's email from its sources, in the domain's order, asking the contact directory when needed. */
public final class EmailResolver {
  private final ContactDirectory directory;

  public EmailResolver(ContactDirectory directory) {
    this.directory = directory;
  }

  /** The first email any source yields. */
  public Optional<EmailAddress> resolve(List<EmailSource> sources) {
    for (EmailSource source : sources) {
      Optional<EmailAddress> email =
          switch (source) {
            case EmailSource.Given given -> Optional.of(given.email());
            case EmailSource.KnownUser user ->
                directory.findByUserId(user.userId()).map(ContactDirectory.Entry::email);
            case EmailSource.KnownAnonymous anonymous ->
                directory
                    .findByAnonymousId(anonymous.anonymousId())
                    .map(ContactDirectory.Entry::email);
          };
      if (email.isPresent()) {
        return email;
      }
    }
    return Optional.empty();
  }
}
