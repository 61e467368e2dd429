package io.acdest.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL a service keeps under {@code DATA_DIR/postgres}, seen from outside as an operator would:
 * its server process and port from {@code postmaster.pid}, and a connection to it.
 */
record EmbeddedServer(long pid, int port, String password) {

  /** The server {@code postmaster.pid} names, if the file is there. */
  static Optional<EmbeddedServer> of(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    Path password = dataDir.resolve("postgres-password");
    return Optional.of(
        new EmbeddedServer(
            Long.parseLong(lines.get(0).strip()),
            Integer.parseInt(lines.get(3).strip()),
            Files.exists(password) ? Files.readString(password).strip() : ""));
  }

  boolean running() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", password);
  }

  /** The first column of the first row of a query. */
  String query(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
