package io.cardmint.order.job;

import io.cardmint.card.NewCard;

/**
 * A card row ready to write: only keyed hashes, plus the derivation attempt so that the
 * print file can derive the same token again.
 */
public record MintedCard(CardSlot slot, int attempt, NewCard row) {
}
