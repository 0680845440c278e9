package io.cardmint.payment;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.cardmint.card.CardView;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payment endpoints of the wallet API. Account and scope are checked by the security
 * chain: {@code POST …/info} and GETs take a read scope, every other POST write or admin.
 * {@code created_by} of a transaction is the subject of the caller's bearer token.
 */
@RestController
@RequestMapping("/v1/accounts/{aid}/wallets")
class PaymentController {

	private final PaymentService payments;

	PaymentController(PaymentService payments) {
		this.payments = payments;
	}

	@PostMapping("/transactions")
	TransactionView transact(@PathVariable String aid, @Valid @RequestBody TransactionRequest request,
			Authentication caller) {
		return this.payments.transact(aid, caller.getName(), request);
	}

	@PostMapping("/transactions/{id}/capture")
	TransactionView capture(@PathVariable String aid, @PathVariable String id,
			@RequestBody(required = false) SettleRequest request, Authentication caller) {
		return this.payments.capture(aid, parse(id), caller.getName(), request);
	}

	@PostMapping("/transactions/{id}/void")
	TransactionView voidTransaction(@PathVariable String aid, @PathVariable String id,
			@RequestBody(required = false) SettleRequest request, Authentication caller) {
		return this.payments.voidTransaction(aid, parse(id), caller.getName(), request);
	}

	@GetMapping("/transactions/{id}")
	TransactionView get(@PathVariable String aid, @PathVariable String id) {
		return this.payments.get(aid, parse(id));
	}

	@GetMapping("/transactions")
	PaymentService.TransactionPage list(@PathVariable String aid,
			@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		return this.payments.list(aid, null, startingAfter, limit);
	}

	@GetMapping("/cards/{cardId}/transactions")
	PaymentService.TransactionPage listOfCard(@PathVariable String aid, @PathVariable String cardId,
			@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		return this.payments.list(aid, cardId, startingAfter, limit);
	}

	@PostMapping("/info")
	CardView info(@PathVariable String aid, @Valid @RequestBody InfoRequest request) {
		return this.payments.info(aid, request);
	}

	private static UUID parse(String id) {
		UUID parsed = PaymentService.parse(id);
		if (parsed == null) {
			throw PaymentErrors.transactionNotFound();
		}
		return parsed;
	}

}
