package io.cardmint.order;

import io.cardmint.card.CardType;

/** One entry of a manifest's {@code cards} list, with its position in the list. */
record ListedCard(long index, String cardId, CardType type) {
}
