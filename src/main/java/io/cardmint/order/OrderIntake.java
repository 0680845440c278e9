package io.cardmint.order;

import java.nio.file.Path;
import java.util.List;

import io.cardmint.card.Cards;
import io.cardmint.code.CodeFormat;
import io.cardmint.code.InvalidCodeFormatException;
import io.cardmint.code.SecretSealer;
import io.cardmint.manufacturer.ManufacturerProperties;
import io.cardmint.manufacturer.Manufacturers;
import io.cardmint.manufacturer.UnknownManufacturerException;
import io.cardmint.print.OpenPgpKeys;
import io.cardmint.print.PrintKeyException;
import io.cardmint.print.PrintSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Accepts a manifest as an order, or refuses it with a {@link ManifestException} and leaves
 * nothing behind. Everything that can be checked in one streaming pass, without a row per card,
 * is checked here: the fields and every listed card id, the manufacturer and its keys, the
 * formats and whether the token space can hold the order beside the account's cards, the used
 * card ids of a numbered range, a reused order_ref. The card ids of a listed manifest are
 * staged by the order job's first step ({@link ListedCardStager}), which finds the repeated and
 * the used ones and then ends the order {@code rejected}; intake keeps a copy of the manifest
 * for it.
 */
@Service
public class OrderIntake {

	private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

	private final JsonMapper json;

	private final Orders orders;

	private final Cards cards;

	private final Manufacturers manufacturers;

	private final SecretSealer sealer;

	private final OrderProperties properties;

	private final OrderLeases leases;

	private final ListedCardStager stager;

	OrderIntake(JsonMapper json, Orders orders, Cards cards, Manufacturers manufacturers, SecretSealer sealer,
			OrderProperties properties, OrderLeases leases, ListedCardStager stager) {
		this.json = json;
		this.orders = orders;
		this.cards = cards;
		this.manufacturers = manufacturers;
		this.sealer = sealer;
		this.properties = properties;
		this.leases = leases;
		this.stager = stager;
	}

	/** Checks the manifest file and stores it as an accepted order; returns the order. */
	public Order accept(Path manifestFile) {
		return accept(manifestFile, null);
	}

	/**
	 * As {@link #accept(Path)}, for a caller acting for one account (the HTTP API): a manifest
	 * of another account is refused.
	 */
	public Order accept(Path manifestFile, String requiredAccountId) {
		Manifest manifest = ManifestReader.read(this.json, manifestFile, (card) -> {
		});
		if (requiredAccountId != null && !requiredAccountId.equals(manifest.accountId())) {
			throw new ForeignAccountException("account_id " + manifest.accountId() + " is not the account of this request ("
					+ requiredAccountId + ")");
		}
		checkBeforeWriting(manifest);
		long orderId = insert(manifest, manifestFile.getFileName().toString());
		try (OrderLeases.Held held = this.leases.acquire(orderId)) {
			if (manifest.listsCards()) {
				this.stager.keep(manifestFile, manifest);
			}
			this.orders.updateStatus(orderId, OrderStatus.ACCEPTED, null);
		}
		catch (RuntimeException ex) {
			this.orders.deleteOrder(orderId);
			throw ex;
		}
		log.info("Order {} of account {} accepted: {} cards for manufacturer {}", manifest.orderRef(),
				manifest.accountId(), manifest.count(), manifest.manufacturer());
		return this.orders.find(orderId).orElseThrow();
	}

	private void checkBeforeWriting(Manifest manifest) {
		if (manufacturer(manifest.manufacturer()).publicKeyFile() == null) {
			throw new ManifestException("manufacturer '" + manifest.manufacturer() + "' has no public-key-file");
		}
		PrintSettings print = this.manufacturers.printSettings(manifest.manufacturer());
		try {
			OpenPgpKeys.encryptionKey(print.publicKeyFile());
			if (print.signingKeyFile() != null) {
				OpenPgpKeys.privateKey(OpenPgpKeys.signingKey(print.signingKeyFile()), print.signingKeyPassphrase());
			}
		}
		catch (PrintKeyException ex) {
			throw new ManifestException("manufacturer '" + manifest.manufacturer() + "': " + ex.getMessage());
		}
		try {
			manifest.tokenFormat().validate("options.card_token.format");
			if (manifest.pinFormat() != null) {
				manifest.pinFormat().validate("options.pin.format");
			}
			CodeFormat tokens = manifest.tokenFormat();
			long issued = this.cards.countInAccountUnlessFewEnough(manifest.accountId(),
					(cards) -> tokens.isFeasible(cards + manifest.count()));
			tokens.requireFeasible("options.card_token.format", issued + manifest.count());
		}
		catch (InvalidCodeFormatException ex) {
			throw new ManifestException(ex.getMessage());
		}
		this.orders.find(manifest.accountId(), manifest.orderRef()).ifPresent((existing) -> {
			if (existing.status() == OrderStatus.VALIDATING && this.orders.leaseHolder(existing.id()).isEmpty()) {
				// a process died while accepting this manifest: its half-written order is not an order
				this.orders.deleteOrder(existing.id());
			}
			else if (existing.status() == OrderStatus.REJECTED) {
				// its job refused its listed card ids and wrote nothing: the order_ref is free again
				this.orders.deleteOrder(existing.id());
			}
			else {
				refuseReuse(existing);
			}
		});
		if (!manifest.listsCards()) {
			List<String> used = this.orders.rangeCardIdsInUse(manifest.accountId(), manifest.cardIds(),
					manifest.count());
			if (!used.isEmpty()) {
				throw new ManifestException("card_id already used in account " + manifest.accountId() + ": " + used);
			}
		}
	}

	private ManufacturerProperties.Manufacturer manufacturer(String id) {
		try {
			return this.manufacturers.require(id);
		}
		catch (UnknownManufacturerException ex) {
			throw new ManifestException(ex.getMessage());
		}
	}

	private long insert(Manifest manifest, String sourceName) {
		byte[] secret = SecretSealer.newBatchSecret();
		byte[] sealed = this.sealer.seal(secret, Order.secretLabel(manifest.accountId(), manifest.orderRef()));
		java.util.Arrays.fill(secret, (byte) 0);
		try {
			return this.orders.insert(manifest, this.properties.partitions(), sealed, sourceName, this.leases.owner(),
					OrderLeases.LEASE);
		}
		catch (DuplicateKeyException ex) {
			// Another process accepted the same order_ref since the check above.
			refuseReuse(this.orders.find(manifest.accountId(), manifest.orderRef()).orElseThrow());
			throw ex;
		}
	}

	private void refuseReuse(Order existing) {
		throw new OrderExistsException("order_ref " + existing.orderRef() + " is already used in account "
				+ existing.accountId() + " (order is " + existing.status().value() + "); an order never runs twice"
				+ ((existing.status() == OrderStatus.FAILED) ? " — use `resume " + existing.orderRef() + "`" : ""));
	}

}
