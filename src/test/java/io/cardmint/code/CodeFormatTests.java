package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class CodeFormatTests {

	private static final String FIELD = "options.card_token.format";

	private static CodeFormat digits(int length) {
		return new CodeFormat(length, null, null, true, null, null);
	}

	@Test
	void noCharacterSetMeansNumbersOnly() {
		assertThat(new CodeFormat(8, null, null, null, null, null).alphabet()).isEqualTo("0123456789");
		assertThat(new CodeFormat(8, null, false, false, false, null).alphabet()).isEqualTo("0123456789");
	}

	@Test
	void alphabetIsDigitsThenLettersThenSymbols() {
		assertThat(new CodeFormat(8, null, true, true, true, null).alphabet())
			.isEqualTo("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&*+-./:=?@_");
		assertThat(new CodeFormat(8, null, null, null, true, null).alphabet()).hasSize(52);
		assertThat(new CodeFormat(8, null, true, null, null, null).alphabet()).isEqualTo("!#$%&*+-./:=?@_");
	}

	@Test
	void symbolsAreSafeForCsvAndSpeech() {
		assertThat(CodeFormat.SYMBOLS).doesNotContain("\"", "'", ",", "\\", " ")
			.matches("[\\x21-\\x7e]+");
	}

	@Test
	void defaultsAreSixteenDigitTokenAndFourDigitPin() {
		assertThat(CodeFormat.defaultToken()).isEqualTo(digits(16));
		assertThat(CodeFormat.defaultPin()).isEqualTo(digits(4));
		assertThat(CodeFormat.defaultToken().prefixOrEmpty()).isEmpty();
		assertThat(CodeFormat.defaultToken().barcodeRequested()).isFalse();
	}

	@Test
	void lengthIsRequiredAndBounded() {
		assertThatThrownBy(() -> new CodeFormat(null, null, null, true, null, null).validate(FIELD))
			.isInstanceOf(InvalidCodeFormatException.class)
			.hasMessage("options.card_token.format.length is required");
		assertThatThrownBy(() -> digits(0).validate(FIELD))
			.hasMessage("options.card_token.format.length must be between 1 and 128");
		assertThatThrownBy(() -> digits(129).validate(FIELD))
			.hasMessage("options.card_token.format.length must be between 1 and 128");
		assertThatCode(() -> digits(1).validate(FIELD)).doesNotThrowAnyException();
		assertThatCode(() -> digits(128).validate(FIELD)).doesNotThrowAnyException();
	}

	@Test
	void prefixIsShortPrintableAndTrimmed() {
		assertThatThrownBy(() -> withPrefix("A".repeat(65), false).validate(FIELD))
			.hasMessage("options.card_token.format.prefix must be at most 64 characters");
		assertThatThrownBy(() -> withPrefix("AB\tC", false).validate(FIELD))
			.hasMessage("options.card_token.format.prefix must not contain control characters");
		assertThatThrownBy(() -> withPrefix(" ACME", false).validate(FIELD))
			.hasMessage("options.card_token.format.prefix must not start or end with whitespace");
		assertThatThrownBy(() -> withPrefix("ACME ", false).validate(FIELD))
			.hasMessage("options.card_token.format.prefix must not start or end with whitespace");
		assertThatCode(() -> withPrefix("A".repeat(64), true).validate(FIELD)).doesNotThrowAnyException();
		assertThatCode(() -> withPrefix("GAVEKORT ÆØÅ-", false).validate(FIELD)).doesNotThrowAnyException();
	}

	@Test
	void barcodeNeedsAsciiPrefix() {
		assertThatThrownBy(() -> withPrefix("GAVEKORT ÆØÅ-", true).validate(FIELD))
			.hasMessage("options.card_token.format.prefix must be printable ASCII (32..126) when barcode is true");
		// ZXing reads ñ as an FNC1 escape: it must not slip through.
		assertThatThrownBy(() -> withPrefix("ñ", true).validate(FIELD)).isInstanceOf(InvalidCodeFormatException.class);
		assertThatCode(() -> new CodeFormat(20, "ACME-", true, true, true, true).validate(FIELD))
			.doesNotThrowAnyException();
		// The printable ASCII range is inclusive at both ends: space (32) and tilde (126) pass.
		assertThatCode(() -> withPrefix("A B~", true).validate(FIELD)).doesNotThrowAnyException();
		assertThatThrownBy(() -> withPrefix("A\u00e9", true).validate(FIELD))
			.isInstanceOf(InvalidCodeFormatException.class);
	}

	@Test
	void spaceSizeIsAlphabetToThePowerOfLength() {
		assertThat(digits(5).spaceSize()).isEqualTo(BigInteger.valueOf(100_000));
		assertThat(new CodeFormat(128, null, true, true, true, null).spaceSize())
			.isEqualTo(BigInteger.valueOf(77).pow(128));
	}

	@Test
	void spaceMustBeAtLeastTwiceTheTokensKeptUnique() {
		assertThatCode(() -> digits(5).requireFeasible(FIELD, 50_000)).doesNotThrowAnyException();
		assertThat(digits(5).isFeasible(50_000)).isTrue();
		assertThat(digits(5).isFeasible(50_001)).isFalse();
		assertThatThrownBy(() -> digits(5).isFeasible(-1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> digits(5).requireFeasible(FIELD, 50_001))
			.isInstanceOf(InvalidCodeFormatException.class)
			.hasMessageContaining(FIELD)
			.hasMessageContaining("100000")
			.hasMessageContaining("50001")
			.hasMessageContaining("use length 6 or more");
	}

	@Test
	void feasibilitySuggestsTheShortestLengthThatFits() {
		assertThatThrownBy(() -> digits(4).requireFeasible(FIELD, 10_000_000))
			.hasMessageContaining("use length 8 or more");
		assertThatCode(() -> digits(8).requireFeasible(FIELD, 10_000_000)).doesNotThrowAnyException();
		// Twice the tokens exactly a power of the alphabet: that power's length is enough.
		assertThatThrownBy(() -> digits(5).requireFeasible(FIELD, 500_000)).hasMessageContaining("use length 6 or more");
		assertThatCode(() -> digits(6).requireFeasible(FIELD, 500_000)).doesNotThrowAnyException();
		assertThatThrownBy(() -> digits(1).requireFeasible(FIELD, 6)).hasMessageContaining("use length 2 or more");
		assertThatCode(() -> CodeFormat.defaultToken().requireFeasible(FIELD, 5_000_000_000_000_000L))
			.doesNotThrowAnyException();
		assertThatThrownBy(() -> CodeFormat.defaultToken().requireFeasible(FIELD, 5_000_000_000_000_001L))
			.hasMessageContaining("use length 17 or more");
	}

	@Test
	void feasibilityCountsZeroTokensAndRefusesNegativeOnes() {
		assertThatCode(() -> digits(1).requireFeasible(FIELD, 0)).doesNotThrowAnyException();
		assertThatCode(() -> digits(1).requireFeasible(FIELD, 5)).doesNotThrowAnyException();
		assertThatThrownBy(() -> digits(1).requireFeasible(FIELD, -1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void feasibilityValidatesTheFormatFirst() {
		assertThatThrownBy(() -> new CodeFormat(null, null, null, null, null, null).requireFeasible(FIELD, 1))
			.hasMessage("options.card_token.format.length is required");
	}

	private static CodeFormat withPrefix(String prefix, boolean barcode) {
		return new CodeFormat(8, prefix, null, true, null, barcode);
	}

}
