package io.cardmint.order.job;

import io.cardmint.card.CardType;

/** A card to make: its place in the order and its id. Carries no secret. */
record CardSlot(long index, String cardId, CardType type) {
}
