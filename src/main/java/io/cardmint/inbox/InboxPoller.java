package io.cardmint.inbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.cardmint.order.ManifestException;
import io.cardmint.order.Order;
import io.cardmint.order.OrderIntake;
import io.cardmint.order.OrderRunner;
import io.cardmint.order.OrderStatus;
import io.cardmint.order.OrderWorkers;
import io.cardmint.order.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls {@code cardmint.inbox.dir} in {@code serve} mode and runs every complete
 * {@code *.json} manifest dropped there as an order.
 *
 * <p>Complete means: not hidden, not a temporary name ({@code *.part}, {@code *.tmp} do not end
 * in {@code .json}), and either unchanged in size and time since the previous poll or last
 * written more than {@code settle-time} ago. Writers should still write under another name and
 * rename when done. A file is claimed by an atomic rename into {@code processing/}: of several
 * processes polling one inbox exactly one wins it. It ends in {@code processed/}, or in
 * {@code failed/} beside {@code <name>.error.txt} saying why. A file a dead process left in
 * {@code processing/} is taken over once its order is no longer leased by anyone.
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "cardmint.mode", havingValue = "serve")
@ConditionalOnBooleanProperty(name = "cardmint.inbox.enabled", matchIfMissing = true)
public class InboxPoller {

	private static final Logger log = LoggerFactory.getLogger(InboxPoller.class);

	private final InboxProperties properties;

	private final OrderIntake intake;

	private final OrderWorkers workers;

	private final Orders orders;

	private final JsonMapper json;

	private final String owner = Long.toHexString(Double.doubleToLongBits(Math.random()));

	private Map<Path, Snapshot> previous = Map.of();

	/** Claimed files this process is still working on. */
	private final Set<Path> handling = ConcurrentHashMap.newKeySet();

	InboxPoller(InboxProperties properties, OrderIntake intake, OrderWorkers workers, Orders orders, JsonMapper json) {
		this.properties = properties;
		this.intake = intake;
		this.workers = workers;
		this.orders = orders;
		this.json = json;
	}

	@Scheduled(cron = "${cardmint.inbox.cron:*/30 * * * * *}")
	public synchronized void poll() {
		Path inbox = this.properties.dir();
		try {
			Files.createDirectories(processing());
			Files.createDirectories(inbox.resolve("processed"));
			Files.createDirectories(inbox.resolve("failed"));
			takeOverStale();
			Map<Path, Snapshot> seen = new HashMap<>();
			for (Path file : list(inbox)) {
				Snapshot now = Snapshot.of(file);
				if (now == null) {
					continue;
				}
				seen.put(file, now);
				if (!now.equals(this.previous.get(file)) && !now.settled(this.properties)) {
					continue;
				}
				if (!this.workers.hasRoom()) {
					log.info("Inbox: all order workers are busy; {} waits for the next poll", file.getFileName());
					continue;
				}
				claim(file, processing().resolve(file.getFileName())).ifPresent(this::start);
			}
			this.previous = seen;
		}
		catch (IOException | RuntimeException ex) {
			log.error("Inbox {}: poll failed: {}", inbox, ex.getMessage());
		}
	}

	private Path processing() {
		return this.properties.dir().resolve("processing");
	}

	/** Accepts the claimed manifest and runs it; the file moves on when the run ends. */
	private void start(Path claimed) {
		Order order;
		try {
			order = this.intake.accept(claimed);
		}
		catch (ManifestException ex) {
			log.warn("Inbox: {} rejected: {}", claimed.getFileName(), ex.getMessage());
			finish(claimed, "failed", "rejected: " + ex.getMessage());
			return;
		}
		catch (RuntimeException ex) {
			log.error("Inbox: {} could not be accepted: {}", claimed.getFileName(), ex.getMessage());
			finish(claimed, "failed", "could not be accepted: " + ex.getMessage());
			return;
		}
		log.info("Inbox: {} accepted as order {} of account {}", claimed.getFileName(), order.orderRef(),
				order.accountId());
		run(claimed, order);
	}

	private void run(Path claimed, Order order) {
		this.workers.submit(order).whenComplete((outcome, failure) -> {
			if (failure != null) {
				log.error("Order {}: run failed: {}", order.orderRef(), failure.getMessage());
				finish(claimed, "failed", "order " + order.orderRef() + " failed: " + failure.getMessage());
			}
			else if (outcome.isEmpty() || outcome.get().stopped()) {
				// Another process holds the order, or a shutdown stopped it (the next serve continues it);
				// whoever ends it, a later poll files the manifest.
				this.handling.remove(claimed);
			}
			else if (outcome.get().completed()) {
				finish(claimed, "processed", null);
			}
			else if (outcome.get().rejected()) {
				log.warn("Inbox: {} rejected: {}", claimed.getFileName(), outcome.get().message());
				finish(claimed, "failed", "rejected: " + outcome.get().message());
			}
			else {
				finish(claimed, "failed", "order " + order.orderRef() + " failed: " + outcome.get().message()
						+ "\nNothing is lost; finish it with: cardmint resume " + order.orderRef() + "\n");
			}
		});
	}

	/**
	 * Files in {@code processing/} that no process of ours handles and whose claim is older than
	 * {@code stale-after}: claimed again (atomically), then filed by their order's state, or run.
	 */
	private void takeOverStale() throws IOException {
		Instant stale = Instant.now().minus(this.properties.staleAfter());
		for (Path file : list(processing())) {
			if (this.handling.contains(file)) {
				continue;
			}
			Snapshot snapshot = Snapshot.of(file);
			if (snapshot == null || snapshot.modified().toInstant().isAfter(stale)) {
				continue;
			}
			ManifestHeader header = ManifestHeader.read(this.json, file);
			Optional<Order> order = (header != null) ? this.orders.find(header.accountId(), header.orderRef())
					: Optional.empty();
			if (order.isPresent() && (this.workers.isRunningHere(order.get().id())
					|| this.orders.leaseHolder(order.get().id()).isPresent())) {
				continue;
			}
			Path adopting = file.resolveSibling(file.getFileName() + ".adopting-" + this.owner);
			if (claim(file, adopting).isEmpty()) {
				continue;
			}
			Path claimed = claim(adopting, file).orElse(null);
			this.handling.remove(adopting);
			if (claimed == null) {
				continue;
			}
			log.warn("Inbox: taking over {}, left in processing/ by a process that is gone", file.getFileName());
			if (order.isEmpty()) {
				start(claimed);
			}
			else if (order.get().status() == OrderStatus.COMPLETED) {
				finish(claimed, "processed", null);
			}
			else if (order.get().status() == OrderStatus.REJECTED) {
				finish(claimed, "failed", "rejected: " + order.get().error());
			}
			else if (order.get().status() == OrderStatus.FAILED) {
				finish(claimed, "failed", "order " + order.get().orderRef() + " failed: " + order.get().error()
						+ "\nNothing is lost; finish it with: cardmint resume " + order.get().orderRef() + "\n");
			}
			else {
				run(claimed, order.get());
			}
		}
	}

	/** Atomic rename; empty if another process got there first. */
	private Optional<Path> claim(Path from, Path to) {
		try {
			if (Files.exists(to)) {
				log.warn("Inbox: {} already exists; leaving {} where it is", to, from.getFileName());
				return Optional.empty();
			}
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
			// The claim's time: how long it has been in processing/.
			Files.setLastModifiedTime(to, FileTime.from(Instant.now()));
			this.handling.add(to);
			return Optional.of(to);
		}
		catch (NoSuchFileException | FileAlreadyExistsException ex) {
			return Optional.empty();
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IllegalStateException("the inbox must be on a file system that renames atomically", ex);
		}
		catch (IOException ex) {
			log.warn("Inbox: cannot claim {}: {}", from, ex.getMessage());
			return Optional.empty();
		}
	}

	private void finish(Path claimed, String folder, String error) {
		try {
			Path target = unique(this.properties.dir().resolve(folder), claimed.getFileName().toString());
			if (error != null) {
				Files.writeString(target.resolveSibling(target.getFileName() + ".error.txt"), error + "\n",
						StandardCharsets.UTF_8);
			}
			Files.move(claimed, target, StandardCopyOption.ATOMIC_MOVE);
			log.info("Inbox: {} moved to {}/", claimed.getFileName(), folder);
		}
		catch (IOException ex) {
			log.error("Inbox: cannot move {} to {}/: {}", claimed, folder, ex.getMessage());
		}
		finally {
			this.handling.remove(claimed);
		}
	}

	private static Path unique(Path dir, String name) {
		Path target = dir.resolve(name);
		for (int n = 2; Files.exists(target) || Files.exists(dir.resolve(target.getFileName() + ".error.txt")); n++) {
			target = dir.resolve(name.replaceFirst("(\\.json)?$", "-" + n + "$1"));
		}
		return target;
	}

	private static List<Path> list(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.endsWith(".json") && !name.startsWith(".") && Files.isRegularFile(file);
			}).sorted().toList();
		}
	}

	/** Size and last write of a file, to tell whether it is still being written. */
	record Snapshot(long size, FileTime modified) {

		static Snapshot of(Path file) {
			try {
				return new Snapshot(Files.size(file), Files.getLastModifiedTime(file));
			}
			catch (IOException ex) {
				return null;
			}
		}

		boolean settled(InboxProperties properties) {
			return this.modified.toInstant().isBefore(Instant.now().minus(properties.settleTime()));
		}

	}

}
