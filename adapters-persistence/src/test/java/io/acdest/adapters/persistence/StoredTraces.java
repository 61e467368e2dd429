package io.acdest.adapters.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Where a piece of personal data still stands in the service's database: every table and column is searched. */
public final class StoredTraces {
  /** Fewer columns than this would mean the search missed the schema, not that the data is gone. */
  private static final int SCHEMA_COLUMNS_AT_LEAST = 40;

  private StoredTraces() {}

  /** Every {@code table.column} whose text holds the needle, case aside. */
  public static List<String> of(DataSource db, String needle) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      List<String[]> columns = new ArrayList<>();
      try (ResultSet row =
          s.executeQuery(
              "SELECT table_name, column_name FROM information_schema.columns"
                  + " WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'")) {
        while (row.next()) {
          columns.add(new String[] {row.getString(1), row.getString(2)});
        }
      }
      if (columns.size() < SCHEMA_COLUMNS_AT_LEAST) {
        throw new IllegalStateException(
            "only " + columns.size() + " columns found: is the schema migrated?");
      }
      for (String[] column : columns) {
        try (ResultSet row =
            s.executeQuery(
                "SELECT count(*) FROM "
                    + column[0]
                    + " WHERE lower("
                    + column[1]
                    + "::text) LIKE '%"
                    + needle.toLowerCase().replace("'", "''")
                    + "%'")) {
          row.next();
          if (row.getLong(1) > 0) {
            found.add(column[0] + "." + column[1]);
          }
        }
      }
    }
    return found;
  }
}
