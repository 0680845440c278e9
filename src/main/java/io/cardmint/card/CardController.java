package io.cardmint.card;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.cardmint.web.ApiException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The card endpoints of the wallet API. Account and scope are checked by the security chain. */
@RestController
@RequestMapping("/v1/accounts/{aid}/wallets/cards")
class CardController {

	private final CardBatchService batches;

	private final CardService cards;

	CardController(CardBatchService batches, CardService cards) {
		this.batches = batches;
		this.cards = cards;
	}

	@PostMapping("/batch")
	@ResponseStatus(HttpStatus.OK)
	BatchCreateResponse createBatch(@PathVariable String aid, @RequestBody BatchCreateRequest request,
			Authentication caller) {
		List<CardView> created = this.batches.create(aid, caller.getName(), request)
			.stream()
			.map(IssuedCard::toResponse)
			.toList();
		return new BatchCreateResponse(created);
	}

	@PostMapping("/{cardId}/activate")
	CardView activate(@PathVariable String aid, @PathVariable String cardId,
			@Valid @RequestBody Activation activation) {
		return CardView.of(this.cards.activate(aid, cardId, activation));
	}

	@GetMapping("/{cardId}")
	CardView get(@PathVariable String aid, @PathVariable String cardId) {
		return CardView.of(this.cards.get(aid, cardId));
	}

	@GetMapping
	List<CardView> list(@PathVariable String aid, @RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
			@RequestParam(name = "starting_after", required = false) String startingAfter,
			@RequestParam(required = false) String status) {
		CardStatus wanted = null;
		if (status != null) {
			try {
				wanted = CardStatus.of(status);
			}
			catch (IllegalArgumentException ex) {
				throw ApiException.badRequest("invalid_request",
						"status must be one of inactive, unused, active, not '" + status + "'");
			}
		}
		return this.cards.list(aid, wanted, startingAfter, limit).stream().map(CardView::of).toList();
	}

	record BatchCreateResponse(List<CardView> cards) {
	}

}
