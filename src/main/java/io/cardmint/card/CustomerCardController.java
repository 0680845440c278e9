package io.cardmint.card;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A customer's cards: the card list and card read, limited to cards with this {@code customer_id}. */
@RestController
@RequestMapping("/v1/accounts/{aid}/wallets/customers/{customerId}/cards")
class CustomerCardController {

	private final CardService cards;

	CustomerCardController(CardService cards) {
		this.cards = cards;
	}

	@Operation(operationId = "listCustomerCards", summary = "List a customer's cards")
	@GetMapping
	CardController.CardList list(@PathVariable String aid, @PathVariable String customerId,
			@RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter,
			@RequestParam(required = false) String status,
			@RequestParam(name = "amount_available", required = false) Long amountAvailable,
			@RequestParam(name = "include_deleted", defaultValue = "false") boolean includeDeleted) {
		CardFilter filter = new CardFilter(CardController.status(status), customerId, amountAvailable,
				includeDeleted);
		CardService.CardPage page = this.cards.list(aid, filter, startingAfter, limit);
		return new CardController.CardList(page.cards(), page.startingAfter());
	}

	@Operation(operationId = "getCustomerCard", summary = "Get one of a customer's cards")
	@GetMapping("/{cardId}")
	CardView get(@PathVariable String aid, @PathVariable String customerId, @PathVariable String cardId) {
		CardView card = this.cards.view(aid, cardId);
		if (!customerId.equals(card.customerId())) {
			throw CardService.notFound();
		}
		return card;
	}

}
