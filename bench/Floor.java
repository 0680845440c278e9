import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floors of bench/payments/run.sh and bench/api-batch.sh: the least work any
 * implementation of the same operation must do, on the same MariaDB, in bare JDBC. No pool, no
 * framework, no HTTP, no JSON; a minimal schema (created here, in the database named by the URL,
 * which the calling script makes fresh); tokens and PINs reach the database only as
 * HMAC-SHA256 keyed hashes, as in cardmint, because storing them in clear is not an option.
 *
 * <pre>
 * java -cp mariadb-java-client.jar bench/Floor.java payments url=jdbc:mariadb://… threads=32 seconds=20 warmup=5 cards=200
 * java -cp mariadb-java-client.jar bench/Floor.java batch url=jdbc:mariadb://…?rewriteBatchedStatements=true size=1000 runs=9 warmup=3
 * </pre>
 *
 * The last line printed is {@code key=value} pairs for the calling script.
 */
public class Floor {

	static final String ACCOUNT = "T99000009";

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			throw new IllegalArgumentException("usage: Floor payments|batch key=value…");
		}
		Map<String, String> options = new HashMap<>();
		for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
			int eq = arg.indexOf('=');
			options.put(arg.substring(0, eq), arg.substring(eq + 1));
		}
		switch (args[0]) {
			case "payments" -> Payments.run(options);
			case "batch" -> Batch.run(options);
			default -> throw new IllegalArgumentException("unknown floor " + args[0]);
		}
	}

	static int intOption(Map<String, String> options, String name, int otherwise) {
		return Integer.parseInt(options.getOrDefault(name, String.valueOf(otherwise)));
	}

	static Connection connect(Map<String, String> options) throws SQLException {
		return DriverManager.getConnection(options.get("url"), "root", "");
	}

	/** HMAC-SHA256 over fields joined with NUL: the construction of io.cardmint.code.KeyedHashes. */
	static final class Hasher {

		private final Mac tokenMac;

		private final Mac pinMac;

		Hasher(byte[] tokenKey, byte[] pinKey) throws GeneralSecurityException {
			this.tokenMac = Mac.getInstance("HmacSHA256");
			this.tokenMac.init(new SecretKeySpec(tokenKey, "HmacSHA256"));
			this.pinMac = Mac.getInstance("HmacSHA256");
			this.pinMac.init(new SecretKeySpec(pinKey, "HmacSHA256"));
		}

		byte[] token(String account, String token) {
			return hash(this.tokenMac, account, token);
		}

		byte[] pin(String account, String cardId, String pin) {
			return hash(this.pinMac, account, cardId, pin);
		}

		private static byte[] hash(Mac mac, String... fields) {
			for (int i = 0; i < fields.length; i++) {
				if (i > 0) {
					mac.update((byte) 0);
				}
				mac.update(fields[i].getBytes(StandardCharsets.UTF_8));
			}
			return mac.doFinal();
		}

	}

	/**
	 * Decimal codes from a DRBG, one byte a digit (bytes 250 to 255 are drawn again, so that each
	 * digit is equally likely), the bytes drawn 4 KiB per DRBG call: the least a code costs, as a
	 * DRBG call costs about the same for 4 bytes as for 4,096 (SecureRandom.nextInt makes one a
	 * digit: 20,000 calls took 27 ms here, 20,000 bytes in one call 0.3 ms).
	 */
	static final class Digits {

		private final SecureRandom random;

		private final byte[] buffer = new byte[4096];

		private int position = this.buffer.length;

		Digits(SecureRandom random) {
			this.random = random;
		}

		String next(int length) {
			char[] code = new char[length];
			for (int i = 0; i < length;) {
				if (this.position == this.buffer.length) {
					this.random.nextBytes(this.buffer);
					this.position = 0;
				}
				int value = this.buffer[this.position++] & 0xFF;
				if (value < 250) {
					code[i++] = (char) ('0' + value % 10);
				}
			}
			return new String(code);
		}

	}

	static double millis(long nanos) {
		return nanos / 1e6;
	}

	/**
	 * A drawdown by token and PIN, the statements in the order cardmint runs them: lock the card
	 * by token hash, check the PIN hash, check ref_id, insert the transaction, update the card,
	 * insert the ledger row, commit. READ COMMITTED, one connection per thread, statements
	 * prepared once per connection. Threads take cards round-robin from one shared counter, as
	 * the wrk script does.
	 */
	static final class Payments {

		// Only the indexes the drawdown's statements need: the token hash to find the card
		// (unique per account), ref_id to refuse a replay (unique per account), card_id unique
		// per account because the API names cards by it. No ledger or transaction index by card.
		static final String[] SCHEMA = { """
				CREATE TABLE card (
					id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
					account_id CHAR(9) NOT NULL,
					card_id VARCHAR(255) NOT NULL,
					status TINYINT NOT NULL,
					currency CHAR(3) NOT NULL,
					balance BIGINT NOT NULL,
					failed_pin_attempts SMALLINT NOT NULL DEFAULT 0,
					token_hash BINARY(32) NOT NULL,
					pin_hash BINARY(32),
					UNIQUE (account_id, card_id),
					UNIQUE (account_id, token_hash))""", """
				CREATE TABLE card_transaction (
					id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
					account_id CHAR(9) NOT NULL,
					ref_id VARCHAR(255) NOT NULL,
					card BIGINT NOT NULL,
					type TINYINT NOT NULL,
					amount BIGINT NOT NULL,
					currency CHAR(3) NOT NULL,
					created_at DATETIME(6) NOT NULL,
					UNIQUE (account_id, ref_id))""", """
				CREATE TABLE ledger_entry (
					id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
					card BIGINT NOT NULL,
					transaction_id BIGINT,
					balance_change BIGINT NOT NULL,
					created_at DATETIME(6) NOT NULL)""" };

		static final long OPENING_BALANCE = 100_000_000L;

		static final int ACTIVE = 1;

		static final int DRAWDOWN = 1;

		record Card(String token, String pin) {
		}

		static void run(Map<String, String> options) throws Exception {
			int threads = intOption(options, "threads", 32);
			int seconds = intOption(options, "seconds", 20);
			int warmup = intOption(options, "warmup", 5);
			int cardCount = intOption(options, "cards", 200);
			SecureRandom random = SecureRandom.getInstance("DRBG");
			byte[] tokenKey = new byte[32];
			byte[] pinKey = new byte[32];
			random.nextBytes(tokenKey);
			random.nextBytes(pinKey);
			List<Card> cards = setUp(options, new Hasher(tokenKey, pinKey), random, cardCount);

			AtomicLong next = new AtomicLong();
			long start = System.nanoTime();
			long measureFrom = start + warmup * 1_000_000_000L;
			long end = measureFrom + seconds * 1_000_000_000L;
			List<Worker> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				Worker worker = new Worker(t, connect(options), new Hasher(tokenKey, pinKey), cards, next,
						measureFrom, end);
				workers.add(worker);
				worker.start();
			}
			long[] latencies = new long[0];
			long errors = 0;
			for (Worker worker : workers) {
				worker.join();
				latencies = concat(latencies, worker.latencies.toArray());
				errors += worker.errors;
			}
			Arrays.sort(latencies);
			long mismatches = ledgerMismatches(options);
			double rate = latencies.length / (double) seconds;
			double p50 = millis(percentile(latencies, 50));
			double p99 = millis(percentile(latencies, 99));
			System.out.printf("floor: %d drawdowns in %d s (after %d s warm-up), %d threads, %d cards: %.0f requests/s,"
					+ " p50 %.2f ms, p99 %.2f ms, %d errors, %d cards whose balance differs from their ledger%n",
					latencies.length, seconds, warmup, threads, cardCount, rate, p50, p99, errors, mismatches);
			System.out.printf("requests=%d rate=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d mismatches=%d%n",
					latencies.length, rate, p50, p99, errors, mismatches);
			if (errors > 0 || mismatches > 0) {
				System.exit(1);
			}
		}

		/** Not timed: the schema, active cards with PINs, and each card's opening ledger row. */
		static List<Card> setUp(Map<String, String> options, Hasher hasher, SecureRandom random, int count)
				throws SQLException {
			List<Card> cards = new ArrayList<>();
			Digits digits = new Digits(random);
			try (Connection connection = connect(options); Statement statement = connection.createStatement()) {
				for (String ddl : SCHEMA) {
					statement.execute(ddl);
				}
				connection.setAutoCommit(false);
				try (PreparedStatement card = connection.prepareStatement("""
						INSERT INTO card (account_id, card_id, status, currency, balance, token_hash, pin_hash)
						VALUES (?, ?, ?, 'NOK', ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
						PreparedStatement opening = connection.prepareStatement("""
								INSERT INTO ledger_entry (card, balance_change, created_at) VALUES (?, ?, ?)""")) {
					for (int i = 0; i < count; i++) {
						String cardId = "floor-" + i;
						Card made = new Card(digits.next(16), digits.next(4));
						card.setString(1, ACCOUNT);
						card.setString(2, cardId);
						card.setInt(3, ACTIVE);
						card.setLong(4, OPENING_BALANCE);
						card.setBytes(5, hasher.token(ACCOUNT, made.token()));
						card.setBytes(6, hasher.pin(ACCOUNT, cardId, made.pin()));
						card.executeUpdate();
						try (ResultSet keys = card.getGeneratedKeys()) {
							keys.next();
							opening.setLong(1, keys.getLong(1));
						}
						opening.setLong(2, OPENING_BALANCE);
						opening.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
						opening.executeUpdate();
						cards.add(made);
					}
				}
				connection.commit();
			}
			return cards;
		}

		static long ledgerMismatches(Map<String, String> options) throws SQLException {
			try (Connection connection = connect(options);
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("""
							SELECT COUNT(*) FROM card c LEFT JOIN (SELECT card, SUM(balance_change) s FROM ledger_entry
							GROUP BY card) l ON l.card = c.id WHERE c.balance <> COALESCE(l.s, 0)""")) {
				rs.next();
				return rs.getLong(1);
			}
		}

		static final class Worker extends Thread {

			final Connection connection;

			final Hasher hasher;

			final List<Card> cards;

			final AtomicLong next;

			final long measureFrom;

			final long end;

			final String refPrefix;

			final LongList latencies = new LongList();

			long errors;

			Worker(int number, Connection connection, Hasher hasher, List<Card> cards, AtomicLong next,
					long measureFrom, long end) {
				this.connection = connection;
				this.hasher = hasher;
				this.cards = cards;
				this.next = next;
				this.measureFrom = measureFrom;
				this.end = end;
				this.refPrefix = "floor-" + number + "-";
			}

			@Override
			public void run() {
				try (Connection c = this.connection;
						PreparedStatement lock = c.prepareStatement("""
								SELECT id, card_id, status, currency, balance, failed_pin_attempts, pin_hash FROM card
								WHERE account_id = ? AND token_hash = ? FOR UPDATE""");
						PreparedStatement pinCount = c
							.prepareStatement("UPDATE card SET failed_pin_attempts = ? WHERE id = ?");
						PreparedStatement replay = c
							.prepareStatement("SELECT id FROM card_transaction WHERE account_id = ? AND ref_id = ?");
						PreparedStatement transaction = c.prepareStatement("""
								INSERT INTO card_transaction (account_id, ref_id, card, type, amount, currency, created_at)
								VALUES (?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS);
						PreparedStatement money = c.prepareStatement("UPDATE card SET balance = ? WHERE id = ?");
						PreparedStatement ledger = c.prepareStatement("""
								INSERT INTO ledger_entry (card, transaction_id, balance_change, created_at)
								VALUES (?, ?, ?, ?)""")) {
					c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
					c.setAutoCommit(false);
					long sequence = 0;
					for (long began = System.nanoTime(); began < this.end; began = System.nanoTime()) {
						Card card = this.cards.get((int) (this.next.getAndIncrement() % this.cards.size()));
						String refId = this.refPrefix + sequence++;
						try {
							drawdown(c, lock, pinCount, replay, transaction, money, ledger, card, refId, 1, "NOK");
						}
						catch (SQLException ex) {
							this.errors++;
							if (this.errors == 1) {
								System.err.println("floor: " + ex);
							}
							c.rollback();
							continue;
						}
						long finished = System.nanoTime();
						if (began >= this.measureFrom && finished <= this.end) {
							this.latencies.add(finished - began);
						}
					}
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}

			private void drawdown(Connection c, PreparedStatement lock, PreparedStatement pinCount,
					PreparedStatement replay, PreparedStatement transaction, PreparedStatement money,
					PreparedStatement ledger, Card card, String refId, long amount, String currency)
					throws SQLException {
				lock.setString(1, ACCOUNT);
				lock.setBytes(2, this.hasher.token(ACCOUNT, card.token()));
				long id;
				long balance;
				try (ResultSet rs = lock.executeQuery()) {
					if (!rs.next()) {
						throw new SQLException("card not found");
					}
					id = rs.getLong(1);
					boolean pinRight = MessageDigest.isEqual(rs.getBytes(7),
							this.hasher.pin(ACCOUNT, rs.getString(2), card.pin()));
					if (!pinRight) {
						pinCount.setInt(1, rs.getInt(6) + 1);
						pinCount.setLong(2, id);
						pinCount.executeUpdate();
						c.commit();
						throw new SQLException("wrong PIN");
					}
					if (rs.getInt(6) != 0) {
						pinCount.setInt(1, 0);
						pinCount.setLong(2, id);
						pinCount.executeUpdate();
					}
					if (rs.getInt(3) != ACTIVE || !currency.equals(rs.getString(4)) || rs.getLong(5) < amount) {
						throw new SQLException("card cannot pay");
					}
					balance = rs.getLong(5);
				}
				replay.setString(1, ACCOUNT);
				replay.setString(2, refId);
				try (ResultSet rs = replay.executeQuery()) {
					if (rs.next()) {
						throw new SQLException("ref_id replayed");
					}
				}
				Timestamp now = new Timestamp(System.currentTimeMillis());
				transaction.setString(1, ACCOUNT);
				transaction.setString(2, refId);
				transaction.setLong(3, id);
				transaction.setInt(4, DRAWDOWN);
				transaction.setLong(5, amount);
				transaction.setString(6, currency);
				transaction.setTimestamp(7, now);
				transaction.executeUpdate();
				long transactionId;
				try (ResultSet keys = transaction.getGeneratedKeys()) {
					keys.next();
					transactionId = keys.getLong(1);
				}
				money.setLong(1, balance - amount);
				money.setLong(2, id);
				money.executeUpdate();
				ledger.setLong(1, id);
				ledger.setLong(2, transactionId);
				ledger.setLong(3, -amount);
				ledger.setTimestamp(4, now);
				ledger.executeUpdate();
				c.commit();
			}

		}

	}

	/**
	 * A batch create of {@code size} cards: draw a 16-digit token and a 4-digit PIN per card
	 * with a DRBG SecureRandom, hash both (HMAC-SHA256), and insert the minimal rows in one JDBC
	 * batch (rewriteBatchedStatements in the URL makes it multi-row INSERTs) in one transaction.
	 * Generation and insert are timed separately; both are work any implementation must do, so
	 * the floor is their sum.
	 */
	static final class Batch {

		static final String SCHEMA = """
				CREATE TABLE card (
					id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
					account_id CHAR(9) NOT NULL,
					card_id VARCHAR(255) NOT NULL,
					status TINYINT NOT NULL,
					token_hash BINARY(32) NOT NULL,
					pin_hash BINARY(32),
					UNIQUE (account_id, card_id),
					UNIQUE (account_id, token_hash))""";

		static final int INACTIVE = 0;

		static void run(Map<String, String> options) throws Exception {
			int size = intOption(options, "size", 1000);
			int runs = intOption(options, "runs", 9);
			int warmup = intOption(options, "warmup", 3);
			SecureRandom random = SecureRandom.getInstance("DRBG");
			byte[] tokenKey = new byte[32];
			byte[] pinKey = new byte[32];
			random.nextBytes(tokenKey);
			random.nextBytes(pinKey);
			Hasher hasher = new Hasher(tokenKey, pinKey);
			Digits digits = new Digits(random);
			long[] generate = new long[runs];
			long[] insert = new long[runs];
			long[] total = new long[runs];
			try (Connection connection = connect(options)) {
				try (Statement statement = connection.createStatement()) {
					statement.execute(SCHEMA);
				}
				connection.setAutoCommit(false);
				for (int run = -warmup; run < runs; run++) {
					long t0 = System.nanoTime();
					byte[][] tokenHashes = new byte[size][];
					byte[][] pinHashes = new byte[size][];
					String[] cardIds = new String[size];
					for (int i = 0; i < size; i++) {
						cardIds[i] = "r" + run + "-" + i;
						tokenHashes[i] = hasher.token(ACCOUNT, digits.next(16));
						pinHashes[i] = hasher.pin(ACCOUNT, cardIds[i], digits.next(4));
					}
					long t1 = System.nanoTime();
					try (PreparedStatement ps = connection.prepareStatement("""
							INSERT INTO card (account_id, card_id, status, token_hash, pin_hash) VALUES (?, ?, ?, ?, ?)""")) {
						for (int i = 0; i < size; i++) {
							ps.setString(1, ACCOUNT);
							ps.setString(2, cardIds[i]);
							ps.setInt(3, INACTIVE);
							ps.setBytes(4, tokenHashes[i]);
							ps.setBytes(5, pinHashes[i]);
							ps.addBatch();
						}
						ps.executeBatch();
					}
					connection.commit();
					long t2 = System.nanoTime();
					if (run >= 0) {
						generate[run] = t1 - t0;
						insert[run] = t2 - t1;
						total[run] = t2 - t0;
					}
				}
			}
			double medianGenerate = millis(median(generate));
			double medianInsert = millis(median(insert));
			double medianTotal = millis(median(total));
			System.out.printf("floor: batch of %d minimal rows, %d runs after %d warm-up: median %.1f ms"
					+ " (generate + hash %.1f ms, JDBC batch insert + commit %.1f ms)%n", size, runs, warmup,
					medianTotal, medianGenerate, medianInsert);
			System.out.printf("total_ms=%.2f generate_ms=%.2f insert_ms=%.2f%n", medianTotal, medianGenerate,
					medianInsert);
		}

		static long median(long[] values) {
			long[] sorted = values.clone();
			Arrays.sort(sorted);
			return sorted[(sorted.length - 1) / 2];
		}

	}

	static long percentile(long[] sorted, int p) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	static long[] concat(long[] a, long[] b) {
		long[] joined = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, joined, a.length, b.length);
		return joined;
	}

	/** A growable long[]: a latency per request without boxing. */
	static final class LongList {

		private long[] values = new long[1 << 14];

		private int size;

		void add(long value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		long[] toArray() {
			return Arrays.copyOf(this.values, this.size);
		}

	}

}
