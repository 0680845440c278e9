package io.cardmint.web;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Makes guessing tokens and PINs slow: every failed lookup by token on {@code POST …/info}
 * or {@code POST …/transactions} ({@link #FAILED_LOOKUPS}: unknown card, wrong PIN, missing
 * PIN) takes one from two Bucket4j buckets, the caller's (JWT subject) and the account's.
 * When either is empty the next lookup is refused with 429 and {@code Retry-After} before it
 * runs. Only failures count: a client that knows its cards is never slowed down. Concurrent
 * requests of one client are checked before any of them fails, so a burst can overshoot the
 * budget by at most the number of requests in flight.
 *
 * <p>Meter {@code cardmint.token.lookups.refused} counts the refusals by {@code reason}
 * ({@code unknown_card}, {@code wrong_pin}, {@code pin_required}, {@code rate_limited}).
 */
final class TokenLookupLimiter implements HandlerInterceptor {

	/** The error codes that mean "a lookup by token failed". */
	static final Map<String, String> FAILED_LOOKUPS = Map.of("card_not_found", "unknown_card", "wrong_pin",
			"wrong_pin", "pin_required", "pin_required");

	static final String METER = "cardmint.token.lookups.refused";

	/** Buckets kept before full (idle) ones are dropped: full buckets carry no state. */
	private static final int MAX_BUCKETS = 10_000;

	private static final Set<String> ENDPOINTS = Set.of("/wallets/info", "/wallets/transactions");

	private final TokenLookupLimits limits;

	private final Map<String, Bucket> clients = new ConcurrentHashMap<>();

	private final Map<String, Bucket> accounts = new ConcurrentHashMap<>();

	private final Map<String, Counter> refused = new ConcurrentHashMap<>();

	TokenLookupLimiter(TokenLookupLimits limits, MeterRegistry meters) {
		this.limits = limits;
		for (String reason : Set.of("unknown_card", "wrong_pin", "pin_required", "rate_limited")) {
			this.refused.put(reason, Counter.builder(METER)
				.description("token lookups refused: unknown token, wrong or missing PIN, or over the budget")
				.tag("reason", reason)
				.register(meters));
		}
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!applies(request, handler)) {
			return true;
		}
		long waitNanos = Math.max(waitNanos(this.clients, client(), this.limits.perClient()),
				waitNanos(this.accounts, account(request), this.limits.perAccount()));
		if (waitNanos > 0) {
			this.refused.get("rate_limited").increment();
			throw new TooManyLookupsException(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L)));
		}
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (!applies(request, handler)) {
			return;
		}
		// A lookup that succeeded has no error code (and Map.of refuses to look up null).
		String code = ApiErrorHandler.errorCode(request);
		String reason = (code != null) ? FAILED_LOOKUPS.get(code) : null;
		if (reason == null) {
			return;
		}
		this.refused.get(reason).increment();
		bucket(this.clients, client(), this.limits.perClient()).tryConsume(1);
		bucket(this.accounts, account(request), this.limits.perAccount()).tryConsume(1);
	}

	private boolean applies(HttpServletRequest request, Object handler) {
		if (!this.limits.enabled() || !(handler instanceof HandlerMethod) || !"POST".equals(request.getMethod())) {
			return false;
		}
		String uri = request.getRequestURI();
		return ENDPOINTS.stream().anyMatch(uri::endsWith);
	}

	private long waitNanos(Map<String, Bucket> buckets, String key, long capacity) {
		EstimationProbe probe = bucket(buckets, key, capacity).estimateAbilityToConsume(1);
		return probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
	}

	private Bucket bucket(Map<String, Bucket> buckets, String key, long capacity) {
		if (buckets.size() > MAX_BUCKETS) {
			buckets.values().removeIf((bucket) -> bucket.getAvailableTokens() >= capacity);
		}
		return buckets.computeIfAbsent(key, (k) -> Bucket.builder()
			.addLimit((limit) -> limit.capacity(capacity).refillGreedy(capacity, this.limits.period()))
			.build());
	}

	private static String client() {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		return (caller != null) ? caller.getName() : "";
	}

	/** {@code /v1/accounts/{aid}/wallets/…}: the security chain has checked that aid is the token's. */
	private static String account(HttpServletRequest request) {
		String[] segments = request.getRequestURI().split("/");
		return (segments.length > 3) ? segments[3] : "";
	}

	/** 429: too many failed lookups; the client may try again after {@code retryAfterSeconds}. */
	static final class TooManyLookupsException extends RuntimeException {

		final long retryAfterSeconds;

		TooManyLookupsException(long retryAfterSeconds) {
			super("too many failed token lookups");
			this.retryAfterSeconds = retryAfterSeconds;
		}

	}

}
