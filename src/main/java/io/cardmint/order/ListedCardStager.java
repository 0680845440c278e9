package io.cardmint.order;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The card ids of a manifest that lists them: intake keeps a copy of the manifest
 * ({@link #keep}); the order job's first step stages its card ids ({@link #stage}) and finds
 * the repeated ones and those already used in the account. Staging commits a batch at a time
 * in list order, so a restarted step continues after the last committed batch.
 */
@Component
public class ListedCardStager {

	private static final Logger log = LoggerFactory.getLogger(ListedCardStager.class);

	static final int BATCH = 5000;

	private final JsonMapper json;

	private final Orders orders;

	private final TransactionTemplate transaction;

	private final Path manifests;

	ListedCardStager(JsonMapper json, Orders orders, TransactionTemplate transaction,
			@Value("${cardmint.data-dir}") Path dataDir) {
		this.json = json;
		this.orders = orders;
		this.transaction = transaction;
		this.manifests = dataDir.resolve("manifests");
	}

	/** Where the job finds a listed order's manifest: order_ref is unique per account and a safe file name. */
	Path keptManifest(Order order) {
		return keptManifest(order.accountId(), order.orderRef());
	}

	private Path keptManifest(String accountId, String orderRef) {
		return this.manifests.resolve(accountId).resolve(orderRef + ".listed.json");
	}

	/** Copies an accepted listed manifest to where the job reads it (the original may move on, as in the inbox). */
	void keep(Path manifestFile, Manifest manifest) {
		Path kept = keptManifest(manifest.accountId(), manifest.orderRef());
		try {
			Files.createDirectories(kept.getParent());
			Files.copy(manifestFile, kept, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot keep the manifest of order " + manifest.orderRef() + " for its job: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Stages the order's listed card ids after those already staged, then checks that none is
	 * used by a card of the account; the kept manifest is no longer needed after that. Throws
	 * {@link ManifestException} for a repeated or used card id.
	 */
	public void stage(Order order) {
		long staged = this.orders.stagedCount(order.id());
		if (staged < order.cardCount()) {
			Path kept = keptManifest(order);
			if (!Files.isRegularFile(kept)) {
				throw new IllegalStateException("the manifest of order " + order.orderRef() + " is missing from " + kept
						+ " (it is kept there from its acceptance until its card ids are staged)");
			}
			if (staged > 0) {
				log.info("Order {}: {} of {} listed card ids were staged before; staging the rest", order.orderRef(),
						staged, order.cardCount());
			}
			List<ListedCard> batch = new ArrayList<>(BATCH);
			ManifestReader.read(this.json, kept, (card) -> {
				if (card.index() < staged) {
					return;
				}
				batch.add(card);
				if (batch.size() == BATCH) {
					stageBatch(order.id(), batch);
					batch.clear();
				}
			});
			if (!batch.isEmpty()) {
				stageBatch(order.id(), batch);
			}
		}
		List<String> used = this.orders.stagedCardIdsInUse(order.id(), order.accountId());
		if (!used.isEmpty()) {
			throw new ManifestException("card_id already used in account " + order.accountId() + ": " + used);
		}
		discardKeptManifest(order);
	}

	/** The kept manifest of an order that is staged or rejected. */
	public void discardKeptManifest(Order order) {
		try {
			Files.deleteIfExists(keptManifest(order));
		}
		catch (IOException ex) {
			log.warn("Order {}: could not delete its kept manifest: {}", order.orderRef(), ex.getMessage());
		}
	}

	private void stageBatch(long orderId, List<ListedCard> batch) {
		Map<String, Long> seen = new HashMap<>();
		for (ListedCard card : batch) {
			Long first = seen.putIfAbsent(card.cardId(), card.index());
			if (first != null) {
				throw repeated(card, first);
			}
		}
		try {
			this.transaction.executeWithoutResult((status) -> this.orders.stage(orderId, batch));
		}
		catch (DuplicateKeyException ex) {
			for (ListedCard card : batch) {
				Long first = this.orders.stagedIndex(orderId, card.cardId());
				if (first != null) {
					throw repeated(card, first);
				}
			}
			throw ex;
		}
	}

	private static ManifestException repeated(ListedCard card, long firstIndex) {
		return new ManifestException("cards[" + card.index() + "].card_id '" + card.cardId() + "' repeats cards["
				+ firstIndex + "]");
	}

}
