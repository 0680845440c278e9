package io.cardmint.card;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import io.cardmint.domain.Amounts;
import io.cardmint.domain.DomainException;
import io.cardmint.domain.Ids;

/**
 * The checks of a sale — activation of a batch-made card, or {@code POST /cards} — and the
 * defaults it takes: {@code active_from} now, {@code expires_at} from the account's
 * {@code default_card_expires_in_days} counted from {@code active_from} unless one is given.
 */
final class Sales {

	/** Currencies this deployment takes (ISO 4217); all but ISK have two minor digits. */
	static final Set<String> CURRENCIES = Set.of("NOK", "SEK", "DKK", "EUR", "USD", "GBP", "ISK", "CHF", "PLN");

	/** The longest a temporary or card token may be set to work: ten years, in seconds. */
	static final long MAX_EXPIRES_IN = 10L * 366 * 24 * 3600;

	private Sales() {
	}

	static Sale check(Activation request, Integer defaultExpiresInDays, Instant now) {
		if (request == null) {
			throw DomainException.invalid("invalid_request", "a JSON body is required");
		}
		long amount = Amounts.requireMovement("amount", request.amount(), 0);
		requireCurrency(request.currency());
		Ids.optional("customer_id", request.customerId());
		Ids.optional("originated_by", request.originatedBy());
		if (request.name() != null && request.name().length() > 255) {
			throw DomainException.invalid("invalid_request", "name must be at most 255 characters");
		}
		Instant activeFrom = (request.activeFrom() != null) ? request.activeFrom() : now;
		Instant expiresAt = request.expiresAt();
		if (expiresAt == null && defaultExpiresInDays != null) {
			expiresAt = activeFrom.plus(defaultExpiresInDays, ChronoUnit.DAYS);
		}
		if (expiresAt != null && !expiresAt.isAfter(activeFrom)) {
			throw DomainException.invalid("invalid_request", "expires_at must be after active_from");
		}
		CardTokenOptions token = request.cardToken();
		Long expiresIn = (token != null) ? token.expiresIn() : null;
		if (expiresIn != null && (expiresIn < 1 || expiresIn > MAX_EXPIRES_IN)) {
			throw DomainException.invalid("invalid_request",
					"card_token.expires_in must be 1 to " + MAX_EXPIRES_IN + " seconds");
		}
		return new Sale(amount, request.currency(), request.customerId(), request.name(), request.originatedBy(),
				activeFrom, expiresAt, request.metadata(), expiresIn, token != null && token.singleUse());
	}

	static void requireCurrency(String currency) {
		if (currency == null) {
			throw DomainException.invalid("invalid_request", "currency is required");
		}
		if (!CURRENCIES.contains(currency)) {
			throw DomainException.invalid("invalid_request",
					"currency must be one of " + CURRENCIES.stream().sorted().toList());
		}
	}

	static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}
