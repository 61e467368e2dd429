package io.acdest.adapters.persistence;

import io.acdest.domain.model.CrmAccount;
import io.acdest.domain.port.out.AccountStores;
import io.acdest.domain.port.out.ContactDirectory;
import io.acdest.domain.port.out.PersonalData;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/** The stores kept per CRM account, in PostgreSQL: one directory per account, made when first asked for. */
final class JdbcAccountStores implements AccountStores {
  private final DataSource dataSource;
  private final PersistenceJson json;
  private final Clock clock;
  private final AtomicBoolean adoptUnattributed;
  private final Map<CrmAccount, ContactDirectory> directories = new ConcurrentHashMap<>();

  /**
   * @param adoptUnattributed whether the CRM ids learnt before they were kept per account belong to the first
   *     account a directory is asked for ({@link JdbcContactDirectory#adoptUnattributed}): the one delivered to
   *     before; false for a built-in sandbox, which forgot them
   */
  JdbcAccountStores(
      DataSource dataSource, PersistenceJson json, Clock clock, boolean adoptUnattributed) {
    this.dataSource = dataSource;
    this.json = json;
    this.clock = clock;
    this.adoptUnattributed = new AtomicBoolean(adoptUnattributed);
  }

  @Override
  public ContactDirectory directory(CrmAccount account) {
    return directories.computeIfAbsent(
        account,
        a -> {
          JdbcContactDirectory directory = new JdbcContactDirectory(dataSource, json, clock, a);
          if (adoptUnattributed.getAndSet(false)) {
            directory.adoptUnattributed();
          }
          return directory;
        });
  }

  @Override
  public PersonalData personalData(CrmAccount account) {
    return new JdbcPersonalData(dataSource, clock, account);
  }
}
