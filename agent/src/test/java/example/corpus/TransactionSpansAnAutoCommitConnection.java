package example.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * An N+1 inside one transaction on connection A (manual commit), while a second connection B on the
 * same thread, in auto-commit mode, writes an audit row between the lookups. B's statements run in
 * no transaction of A's and must not end it: the lookups are one N+1 in A's transaction scope, whose
 * parent (the pets query) read {@code observed corpus.TransactionSpansAnAutoCommitConnection.parentRows}
 * rows.
 *
 * <p>B writes one audit row per pet, {@value Clinic#PETS_PER_OWNER} in all. An insert is the one
 * statement B can run once per iteration without a finding of its own, whichever scope it lands in:
 * unbatched writes need ten single-row inserts from one line. A select on B would be a finding
 * itself: with a different parameter each time it is an N+1, with the same one a repeated query.
 */
final class TransactionSpansAnAutoCommitConnection implements Scenario {

  private static final long OWNER = 2;

  @Override
  public void prepare() throws Exception {
    Clinic.ensureCreated();
    try (Connection c = CorpusDb.connect()) {
      CorpusDb.ddl(c, "create table tx_audit (pet_id bigint primary key, message varchar(100) not null)");
    }
  }

  @Override
  public void run() throws Exception {
    int petRows = 0;
    int visits = 0;
    try (Connection a = CorpusDb.connect();
        Connection b = CorpusDb.connect()) {
      a.setAutoCommit(false);
      try (PreparedStatement petsOf = a.prepareStatement("select id from clinic_pet where owner_id = ? order by id");
          PreparedStatement visitsOf =
              a.prepareStatement("select description from clinic_visit where pet_id = ? order by id");
          PreparedStatement audit = b.prepareStatement("insert into tx_audit (pet_id, message) values (?, ?)")) {
        petsOf.setLong(1, OWNER);
        try (ResultSet pet = petsOf.executeQuery()) {
          while (pet.next()) {
            petRows++;
            long petId = pet.getLong(1);
            visitsOf.setLong(1, petId);
            try (ResultSet visit = visitsOf.executeQuery()) { // expect: N_PLUS_ONE scope="transaction in TransactionSpansAnAutoCommitConnection.run"
              while (visit.next()) {
                visits++;
              }
            }
            audit.setLong(1, petId);
            audit.setString(2, CorpusValues.text("tx-audit", petId));
            audit.executeUpdate();
          }
        }
      }
      a.commit();
    }
    if (petRows != Clinic.PETS_PER_OWNER || visits != Clinic.PETS_PER_OWNER * Clinic.VISITS_PER_PET) {
      throw new IllegalStateException("read " + petRows + " pets and " + visits + " visits of owner " + OWNER);
    }
    CorpusMain.observe("corpus." + name() + ".parentRows", petRows);
  }
}
