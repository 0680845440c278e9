package io.cardmint.payment;

import java.util.Map;

/**
 * The body of {@code POST …/transactions/{id}/capture} and {@code …/void}: the child
 * transaction's own {@code ref_id} (required: a retry answers the same child), and for a
 * capture the {@code amount} to take, at most the pending amount (default all of it).
 */
record SettleRequest(String refId, Long amount, Map<String, Object> metadata) {
}
