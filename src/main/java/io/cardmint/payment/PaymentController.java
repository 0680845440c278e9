package io.cardmint.payment;

import java.util.UUID;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payment endpoints of the wallet API. Account and scope are checked by the security
 * chain: {@code POST …/info} and GETs take a read scope, every other POST write or admin.
 */
@RestController
@RequestMapping("/v1/accounts/{aid}/wallets")
class PaymentController {

	private final PaymentService payments;

	PaymentController(PaymentService payments) {
		this.payments = payments;
	}

	@PostMapping("/transactions")
	TransactionView transact(@PathVariable String aid, @Valid @RequestBody TransactionRequest request) {
		return this.payments.transact(aid, request);
	}

	@PostMapping("/transactions/{id}/capture")
	TransactionView capture(@PathVariable String aid, @PathVariable String id) {
		return this.payments.capture(aid, parse(id));
	}

	@PostMapping("/transactions/{id}/void")
	TransactionView voidTransaction(@PathVariable String aid, @PathVariable String id) {
		return this.payments.voidTransaction(aid, parse(id));
	}

	@GetMapping("/transactions/{id}")
	TransactionView get(@PathVariable String aid, @PathVariable String id) {
		return this.payments.get(aid, parse(id));
	}

	@PostMapping("/info")
	InfoView info(@PathVariable String aid, @Valid @RequestBody InfoRequest request) {
		return this.payments.info(aid, request);
	}

	private static UUID parse(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw PaymentErrors.transactionNotFound();
		}
	}

}
