package io.cardmint.card;

import java.util.List;

import io.cardmint.domain.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The card endpoints of the wallet API. Account and scope are checked by the security chain. */
@RestController
@RequestMapping("/v1/accounts/{aid}/wallets/cards")
class CardController {

	private final CardBatchService batches;

	private final CardService cards;

	private final TemporaryTokenService tokens;

	CardController(CardBatchService batches, CardService cards, TemporaryTokenService tokens) {
		this.batches = batches;
		this.cards = cards;
		this.tokens = tokens;
	}

	@Operation(operationId = "createCard", summary = "Create one card, sold at once (unused, with its balance)")
	@PostMapping
	CardView create(@PathVariable String aid, @RequestBody CreateCardRequest request, Authentication caller) {
		return this.batches.createOne(aid, caller.getName(), request).toResponse();
	}

	@Operation(operationId = "createCardsBatch",
			summary = "Create cards in a batch (inactive, no balance; secrets in this response only)")
	@PostMapping("/batch")
	CardList createBatch(@PathVariable String aid, @RequestBody BatchCreateRequest request, Authentication caller) {
		List<CardView> created = this.batches.create(aid, caller.getName(), request)
			.stream()
			.map(IssuedCard::toResponse)
			.toList();
		return new CardList(created, null);
	}

	@Operation(operationId = "activateCard", summary = "Activate a card at the point of sale (inactive → unused)")
	@PostMapping("/{cardId}/activate")
	CardView activate(@PathVariable String aid, @PathVariable String cardId, @RequestBody Activation activation) {
		return this.cards.activate(aid, cardId, activation);
	}

	@Operation(operationId = "getCard", summary = "Get a card")
	@GetMapping("/{cardId}")
	CardView get(@PathVariable String aid, @PathVariable String cardId) {
		return this.cards.view(aid, cardId);
	}

	@Operation(operationId = "deleteCard", summary = "Delete a card (it never pays again)")
	@DeleteMapping("/{cardId}")
	CardView delete(@PathVariable String aid, @PathVariable String cardId, Authentication caller) {
		return this.cards.delete(aid, cardId, caller.getName());
	}

	@Operation(operationId = "createCardToken", summary = "Create a temporary token for a card")
	@PostMapping("/{cardId}/tokens")
	TokenResponse createToken(@PathVariable String aid, @PathVariable String cardId,
			@RequestBody TokenRequest request, Authentication caller) {
		return this.tokens.create(aid, cardId, caller.getName(), request);
	}

	@Operation(operationId = "rotateCardPin", summary = "Give a card a new PIN (shown once) and clear its PIN lock")
	@PostMapping("/{cardId}/rotate-pin")
	RotatePinResponse rotatePin(@PathVariable String aid, @PathVariable String cardId,
			@RequestBody(required = false) RotatePinRequest request) {
		return new RotatePinResponse(this.cards.rotatePin(aid, cardId,
				(request != null && request.pin() != null) ? request.pin().format() : null));
	}

	@Operation(operationId = "listCards", summary = "List cards")
	@GetMapping
	CardList list(@PathVariable String aid, @RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter,
			@RequestParam(required = false) String status,
			@RequestParam(name = "customer_id", required = false) String customerId,
			@RequestParam(name = "amount_available", required = false) Long amountAvailable,
			@RequestParam(name = "include_deleted", defaultValue = "false") boolean includeDeleted) {
		CardFilter filter = new CardFilter(status(status), customerId, amountAvailable, includeDeleted);
		CardService.CardPage page = this.cards.list(aid, filter, startingAfter, limit);
		return new CardList(page.cards(), page.startingAfter());
	}

	static CardStatus status(String status) {
		if (status == null) {
			return null;
		}
		try {
			return CardStatus.of(status);
		}
		catch (IllegalArgumentException ex) {
			throw DomainException.invalid("invalid_request", "status must be one of inactive, unused, active");
		}
	}

	/** Dintero's list envelope; {@code starting_after} is the cursor of the next page, absent on the last. */
	record CardList(List<CardView> cards, String startingAfter) {
	}

	/** Dintero's body: {@code {"pin": {"format": …}}}; without it the card's own PIN format is used. */
	record RotatePinRequest(BatchCreateRequest.FormatOption pin) {
	}

	/** Dintero's answer: {@code {"pin": {"format": …, "pin": {"value", "barcode_128"}}}}. */
	record RotatePinResponse(CardView.PinView pin) {
	}

}
