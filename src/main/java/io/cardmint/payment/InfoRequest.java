package io.cardmint.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST …/wallets/info}: the card's token, and its PIN when it has one. */
record InfoRequest(
		@NotBlank @Size(max = 255) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String token,
		@Size(max = 255) @Pattern(regexp = "[^\\x00]*", message = "must not contain NUL") String pin) {

	@Override
	public String toString() {
		return "InfoRequest[token and PIN redacted]";
	}

}
