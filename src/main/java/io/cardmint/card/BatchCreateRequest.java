package io.cardmint.card;

import java.util.List;

import io.cardmint.code.CodeFormat;
import io.cardmint.domain.Ids;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST …/cards/batch}, as in the Dintero wallet API. Validated by
 * {@link CardBatchService} so that every message can name the card it is about.
 */
public record BatchCreateRequest(
		@ArraySchema(minItems = 1, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "at most cardmint.api.max-batch-size cards (1000 unless configured)")) List<CardRequest>
						cards,
		Options options) {

	public record CardRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1,
			maxLength = Ids.MAX_LENGTH, description = Ids.RULE) String cardId,
			@Schema(allowableValues = { "gift_card", "credit_note" }, defaultValue = "gift_card") String type) {
	}

	public record Options(FormatOption pin, FormatOption cardToken) {
	}

	public record FormatOption(CodeFormat format) {
	}

	CodeFormat tokenFormat() {
		return (this.options != null && this.options.cardToken() != null && this.options.cardToken().format() != null)
				? this.options.cardToken().format() : CodeFormat.defaultToken();
	}

	/** A batch without a PIN format makes cards without a PIN. */
	CodeFormat pinFormat() {
		return (this.options != null && this.options.pin() != null) ? this.options.pin().format() : null;
	}

}
