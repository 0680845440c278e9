package io.cardmint.card;

/**
 * The filters of {@code GET /cards}: {@code minimumAvailable} keeps the cards whose
 * {@code amount_available} is at least that much; deleted cards only when asked for.
 */
record CardFilter(CardStatus status, String customerId, Long minimumAvailable, boolean includeDeleted) {
}
