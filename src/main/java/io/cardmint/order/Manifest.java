package io.cardmint.order;

import java.util.Map;

import io.cardmint.card.CardType;
import io.cardmint.code.CodeFormat;

/**
 * An order manifest without its card list: either {@code count} cards numbered by
 * {@link CardIdRange}, or an explicit list that is streamed, never held here.
 */
public record Manifest(String orderRef, String accountId, String manufacturer, CardType type, long count,
		CardIdRange cardIds, CodeFormat tokenFormat, CodeFormat pinFormat, Map<String, String> print) {

	public boolean listsCards() {
		return this.cardIds == null;
	}

	/** {@code card_id} of a counted order: prefix + number, zero-padded to {@code digits}. */
	public record CardIdRange(String prefix, long start, int digits) {

		public String cardId(long index) {
			String number = Long.toString(this.start + index);
			return this.prefix + "0".repeat(Math.max(0, this.digits - number.length())) + number;
		}

	}

}
