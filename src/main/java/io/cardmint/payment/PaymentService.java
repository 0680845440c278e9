package io.cardmint.payment;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.cardmint.card.CardActivated;
import io.cardmint.card.CardBalances;
import io.cardmint.card.CardService;
import io.cardmint.card.CardView;
import io.cardmint.card.PayingCard;
import io.cardmint.code.KeyedHashes;
import io.cardmint.domain.Amounts;
import io.cardmint.domain.DomainException;
import io.cardmint.domain.Ids;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Paying with cards. Every operation runs in one database transaction that first locks the
 * card row, so movements on one card are serial: a balance is checked and changed under the
 * same lock ({@link CardBalances}, the card's owner, changes it), and the ledger entry commits
 * with the change.
 *
 * <p>Order of checks: card found (404; a token past its expiry 409) → token and card_id name
 * the same card (400) → locked (409) → PIN (by token only) → ref_id replay → deleted →
 * inactive → expired → not yet active (drawdowns only) → currency → available funds. A wrong
 * PIN is counted and committed even though the request is refused; a right PIN resets the
 * count. A replay is answered before the card's state is checked again, so a retry after the
 * card expired still gets its first result.
 *
 * <p>A pending drawdown holds its amount; a capture (a child transaction with
 * {@code parent_id}) takes the amount it names, at most the held amount, and releases the
 * rest; a void releases all of it. Status: a card goes {@code unused} → {@code active} when
 * money first leaves it.
 */
@Service
class PaymentService {

	private final CardBalances cards;

	private final CardService cardViews;

	private final Transactions transactions;

	private final Ledger ledger;

	private final KeyedHashes hashes;

	private final PaymentMeters meters;

	private final TransactionTemplate transaction;

	PaymentService(CardBalances cards, CardService cardViews, Transactions transactions, Ledger ledger,
			KeyedHashes hashes, PaymentMeters meters, PlatformTransactionManager transactionManager) {
		this.cards = cards;
		this.cardViews = cardViews;
		this.transactions = transactions;
		this.ledger = ledger;
		this.hashes = hashes;
		this.meters = meters;
		// The card row lock serialises a card's movements; READ COMMITTED lets the reads that follow
		// the lock see what the previous holder committed.
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
	}

	TransactionView transact(String accountId, String createdBy, TransactionRequest request) {
		TransactionType type = TransactionType.of(request.type());
		try {
			Ids.require("ref_id", request.refId());
			Ids.optional("card_id", request.cardId());
			Ids.optional("originated_by", request.originatedBy());
			Amounts.requireMovement("amount", request.amount(), 1);
			if (request.token() == null && request.cardId() == null) {
				throw PaymentErrors.invalid("name the card by token or by card_id");
			}
			if (request.isPending() && type != TransactionType.DRAWDOWN) {
				throw PaymentErrors.invalid("only a drawdown can be pending");
			}
			byte[] tokenHash = (request.token() != null) ? this.hashes.tokenHash(accountId, request.token()) : null;
			try {
				return inTransaction(() -> transact(accountId, createdBy, request, type, tokenHash));
			}
			catch (DuplicateKeyException ex) {
				// A concurrent request on another card took this ref_id first; now the lookup finds it.
				return inTransaction(() -> transact(accountId, createdBy, request, type, tokenHash));
			}
		}
		catch (DomainException ex) {
			this.meters.refused(type);
			throw ex;
		}
	}

	private Outcome<TransactionView> transact(String accountId, String createdBy, TransactionRequest request,
			TransactionType type, byte[] tokenHash) {
		Instant now = now();
		PayingCard card = ((tokenHash != null) ? this.cards.lockByToken(accountId, tokenHash, true, now)
				: this.cards.lockByCardId(accountId, request.cardId()))
			.orElseThrow(PaymentErrors::cardNotFound);
		if (tokenHash != null && request.cardId() != null && !request.cardId().equals(card.cardId())) {
			throw PaymentErrors.tokenAndCardIdDiffer();
		}
		DomainException refused = checkHolder(card, (tokenHash != null), request.pin());
		if (refused != null) {
			return Outcome.refused(refused);
		}
		Optional<CardTransaction> previous = this.transactions.findByRefId(accountId, request.refId());
		if (previous.isPresent()) {
			if (!previous.get().sameRequest(card.id(), type, request.amount(), request.currency(), request.isPending())) {
				throw PaymentErrors.refIdConflict();
			}
			this.meters.replayed(type);
			return Outcome.of(TransactionView.of(previous.get()));
		}
		checkCanPay(card, type, request.amount(), request.currency(), now);
		CardTransaction created = new CardTransaction(UUID.randomUUID(), accountId, request.refId(), card.id(),
				card.cardId(), type, request.isPending() ? TransactionStatus.PENDING : TransactionStatus.COMPLETED,
				request.amount(), request.currency(), null, request.metadata(), request.originatedBy(), createdBy, now,
				now);
		this.transactions.insert(created);
		long amount = created.amount();
		if (created.status() == TransactionStatus.PENDING) {
			record(this.cards.reserve(card, amount, now), created, Ledger.Kind.RESERVE, 0, amount, now);
		}
		else if (type == TransactionType.FUND) {
			record(this.cards.fund(card, amount, now), created, Ledger.Kind.FUND, amount, 0, now);
		}
		else {
			record(this.cards.drawDown(card, amount, now), created, Ledger.Kind.DRAWDOWN, -amount, 0, now);
		}
		this.cards.spendToken(card, now);
		this.meters.accepted(type, created.status());
		return Outcome.of(TransactionView.of(created));
	}

	TransactionView capture(String accountId, UUID id, String createdBy, SettleRequest request) {
		return settle(accountId, id, createdBy, request, TransactionType.CAPTURE);
	}

	TransactionView voidTransaction(String accountId, UUID id, String createdBy, SettleRequest request) {
		return settle(accountId, id, createdBy, request, TransactionType.VOID);
	}

	/**
	 * Captures or voids a pending drawdown with a child transaction. The same ref_id again
	 * answers the same child; another settlement of a settled parent is a conflict. Neither
	 * checks the card's state again: the amount was granted when it was held.
	 */
	private TransactionView settle(String accountId, UUID id, String createdBy, SettleRequest request,
			TransactionType type) {
		try {
			if (request == null) {
				throw PaymentErrors.invalid("a JSON body with ref_id is required");
			}
			Ids.require("ref_id", request.refId());
			if (type == TransactionType.VOID && request.amount() != null) {
				throw PaymentErrors.invalid("a void releases the whole pending amount; amount is for a capture");
			}
			if (request.amount() != null) {
				Amounts.requireMovement("amount", request.amount(), 1);
			}
			try {
				return inTransaction(() -> settle(accountId, id, createdBy, request, type, now()));
			}
			catch (DuplicateKeyException ex) {
				// A concurrent request on another card took this ref_id first; now the lookup finds it.
				return inTransaction(() -> settle(accountId, id, createdBy, request, type, now()));
			}
		}
		catch (DomainException ex) {
			this.meters.refused(type);
			throw ex;
		}
	}

	private Outcome<TransactionView> settle(String accountId, UUID id, String createdBy, SettleRequest request,
			TransactionType type, Instant now) {
		UUID cardUuid = this.transactions.find(accountId, id).orElseThrow(PaymentErrors::transactionNotFound).cardUuid();
		PayingCard card = this.cards.lock(cardUuid);
		// Read again under the card's lock: a concurrent capture or void may have just committed.
		CardTransaction parent = this.transactions.find(accountId, id).orElseThrow();
		Optional<CardTransaction> previous = this.transactions.findByRefId(accountId, request.refId());
		if (previous.isPresent()) {
			CardTransaction child = previous.get();
			boolean same = id.equals(child.parentId()) && child.type() == type
					&& (request.amount() == null || request.amount() == child.amount());
			if (!same) {
				throw PaymentErrors.refIdConflict();
			}
			this.meters.replayed(type);
			return Outcome.of(TransactionView.of(child));
		}
		if (parent.status() != TransactionStatus.PENDING) {
			throw PaymentErrors.notPending(parent.status());
		}
		long held = parent.amount();
		long captured = (type == TransactionType.VOID) ? 0 : (request.amount() != null) ? request.amount() : held;
		if (captured > held) {
			throw DomainException.invalid("amount_exceeds_pending",
					"amount must be at most the pending amount, " + held);
		}
		CardTransaction child = new CardTransaction(UUID.randomUUID(), accountId, request.refId(), cardUuid,
				parent.cardId(), type, TransactionStatus.COMPLETED, (type == TransactionType.VOID) ? held : captured,
				parent.currency(), parent.id(), request.metadata(), null, createdBy, now, now);
		this.transactions.insert(child);
		this.transactions.updateStatus(parent.withStatus(
				(type == TransactionType.VOID) ? TransactionStatus.VOIDED : TransactionStatus.CAPTURED, now));
		record(this.cards.settle(card, held, captured, now), child,
				(type == TransactionType.VOID) ? Ledger.Kind.VOID : Ledger.Kind.CAPTURE, -captured, -held, now);
		this.meters.accepted(type, child.status());
		return Outcome.of(TransactionView.of(child));
	}

	TransactionView get(String accountId, UUID id) {
		return TransactionView
			.of(this.transactions.find(accountId, id).orElseThrow(PaymentErrors::transactionNotFound));
	}

	/** One page of transactions (of one card when {@code cardId} is given) and the next cursor. */
	TransactionPage list(String accountId, String cardId, String startingAfter, int limit) {
		if (cardId != null) {
			this.cardViews.requireCard(accountId, cardId);
		}
		UUID after = null;
		if (startingAfter != null) {
			after = parse(startingAfter);
			if (after == null || this.transactions.find(accountId, after).isEmpty()) {
				throw PaymentErrors.invalid("starting_after must be the id of a transaction of this account");
			}
		}
		List<CardTransaction> found = this.transactions.list(accountId, cardId, after, limit + 1);
		boolean more = found.size() > limit;
		List<CardTransaction> page = more ? found.subList(0, limit) : found;
		return new TransactionPage(page.stream().map(TransactionView::of).toList(),
				more ? page.get(page.size() - 1).id().toString() : null);
	}

	/** The card object by token and PIN; a wrong PIN counts as for a payment. */
	CardView info(String accountId, InfoRequest request) {
		byte[] tokenHash = this.hashes.tokenHash(accountId, request.token());
		UUID cardUuid = inTransaction(() -> {
			PayingCard card = this.cards.lockByToken(accountId, tokenHash, false, now())
				.orElseThrow(PaymentErrors::cardNotFound);
			DomainException refused = checkHolder(card, true, request.pin());
			if (refused == null && card.deleted()) {
				refused = PaymentErrors.cardDeleted();
			}
			return (refused != null) ? Outcome.refused(refused) : Outcome.of(card.id());
		});
		return this.cardViews.view(cardUuid);
	}

	/** The opening ledger entry, in the activation's (or creation's) own database transaction. */
	@EventListener
	void activated(CardActivated event) {
		this.ledger.record(event.accountId(), event.id(), null, Ledger.Kind.ACTIVATION, event.amount(), 0,
				event.activatedAt());
	}

	/**
	 * A locked card is refused whoever asks. By token, the PIN must match when the card has
	 * one; a wrong one is counted (and returned as a refusal, so that the count commits).
	 */
	private DomainException checkHolder(PayingCard card, boolean byToken, String pin) {
		if (card.locked()) {
			throw PaymentErrors.cardLocked();
		}
		if (!byToken || card.pinHash() == null) {
			return null;
		}
		if (pin == null || pin.isEmpty()) {
			throw PaymentErrors.pinRequired();
		}
		if (this.hashes.pinMatches(card.pinHash(), card.accountId(), card.cardId(), pin)) {
			this.cards.clearWrongPins(card);
			return null;
		}
		int failed = this.cards.countWrongPin(card);
		this.meters.wrongPin(failed);
		return PaymentErrors.wrongPin(failed);
	}

	private static void checkCanPay(PayingCard card, TransactionType type, long amount, String currency,
			Instant now) {
		if (card.deleted()) {
			throw PaymentErrors.cardDeleted();
		}
		if (!card.status().canMoveMoney()) {
			throw PaymentErrors.cardInactive();
		}
		if (card.expiresAt() != null && !now.isBefore(card.expiresAt())) {
			throw PaymentErrors.cardExpired();
		}
		if (type == TransactionType.DRAWDOWN && card.activeFrom() != null && now.isBefore(card.activeFrom())) {
			throw PaymentErrors.cardNotYetActive();
		}
		if (!currency.equals(card.currency())) {
			throw PaymentErrors.currencyMismatch(card.currency());
		}
		if (type == TransactionType.DRAWDOWN && card.availableBalance() < amount) {
			throw PaymentErrors.insufficientFunds(card.availableBalance());
		}
	}

	/** The ledger entry of a movement the card's owner just made. */
	private void record(PayingCard after, CardTransaction cause, Ledger.Kind kind, long balanceChange,
			long reservedChange, Instant now) {
		this.ledger.record(after.accountId(), after.id(), cause.id(), kind, balanceChange, reservedChange, now);
	}

	private <T> T inTransaction(Supplier<Outcome<T>> work) {
		return this.transaction.execute((status) -> work.get()).get();
	}

	static UUID parse(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	record TransactionPage(List<TransactionView> transactions, String startingAfter) {
	}

	/**
	 * A result, or a refusal that must not roll back what was written before it (the wrong-PIN
	 * count): it is thrown only after the transaction committed.
	 */
	private record Outcome<T>(T value, DomainException refusal) {

		static <T> Outcome<T> of(T value) {
			return new Outcome<>(value, null);
		}

		static <T> Outcome<T> refused(DomainException refusal) {
			return new Outcome<>(null, refusal);
		}

		T get() {
			if (this.refusal != null) {
				throw this.refusal;
			}
			return this.value;
		}

	}

}
