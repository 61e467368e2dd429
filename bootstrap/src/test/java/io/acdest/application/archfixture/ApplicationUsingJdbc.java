package io.acdest.application.archfixture;

import java.sql.Connection;
import java.sql.SQLException;

/** Deliberately breaks the rules: an application service running SQL. */
public class ApplicationUsingJdbc {
  private final Connection connection;

  public ApplicationUsingJdbc(Connection connection) {
    this.connection = connection;
  }

  public void touch() throws SQLException {
    connection.createStatement().execute("select 1");
  }
}
