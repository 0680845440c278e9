package io.cardmint.payment;

import java.util.UUID;

import io.cardmint.card.CardView;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

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

	@Operation(operationId = "createTransaction", summary = "Draw down or fund a card, by token (+ PIN) or card_id")
	@PostMapping("/transactions")
	TransactionView transact(@PathVariable String aid, @Valid @RequestBody TransactionRequest request,
			Authentication caller) {
		return this.payments.transact(aid, caller.getName(), request);
	}

	@Operation(operationId = "captureTransaction", summary = "Capture a pending drawdown, all of it or part")
	@PostMapping("/transactions/{id}/capture")
	TransactionView capture(@PathVariable String aid, @PathVariable String id,
			@RequestBody(required = false) SettleRequest request, Authentication caller) {
		return this.payments.capture(aid, parse(id), caller.getName(), request);
	}

	@Operation(operationId = "voidTransaction", summary = "Void a pending drawdown (release the reservation)")
	@PostMapping("/transactions/{id}/void")
	TransactionView voidTransaction(@PathVariable String aid, @PathVariable String id,
			@RequestBody(required = false) SettleRequest request, Authentication caller) {
		return this.payments.voidTransaction(aid, parse(id), caller.getName(), request);
	}

	@Operation(operationId = "getTransaction", summary = "Get a transaction")
	@GetMapping("/transactions/{id}")
	TransactionView get(@PathVariable String aid, @PathVariable String id) {
		return this.payments.get(aid, parse(id));
	}

	@Operation(operationId = "listTransactions", summary = "List transactions")
	@GetMapping("/transactions")
	PaymentService.TransactionPage list(@PathVariable String aid,
			@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		return this.payments.list(aid, null, startingAfter, limit);
	}

	@Operation(operationId = "listCardTransactions", summary = "List a card's transactions")
	@GetMapping("/cards/{cardId}/transactions")
	PaymentService.TransactionPage listOfCard(@PathVariable String aid, @PathVariable String cardId,
			@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter) {
		return this.payments.list(aid, cardId, startingAfter, limit);
	}

	@Operation(operationId = "getCardInfo", summary = "Get a card by its token (+ PIN)")
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
