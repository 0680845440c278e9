package io.cardmint.code;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class CodeGeneratorProperties {

	@Property
	void generatedValueIsPrefixThenLengthCharactersOfTheAlphabet(@ForAll("formats") CodeFormat format,
			@ForAll @Size(min = 1, max = 64) byte[] key) {
		String value = CodeGenerator.generate(format, new DerivedRandomSource(key, "test".getBytes()));

		assertThat(value).startsWith(format.prefixOrEmpty()).hasSize(format.prefixOrEmpty().length() + format.length());
		assertThat(value.substring(format.prefixOrEmpty().length()).chars())
			.allMatch(c -> format.alphabet().indexOf(c) >= 0);
	}

	@Property(tries = 200)
	void secureRandomValuesAlsoStayInTheAlphabet(@ForAll("formats") CodeFormat format) {
		String value = CodeGenerator.generate(format, SecureRandomSource.get());

		assertThat(value.substring(format.prefixOrEmpty().length()))
			.hasSize(format.length())
			.matches(s -> s.chars().allMatch(c -> format.alphabet().indexOf(c) >= 0));
	}

	@Example
	void eachCharacterIsTheAlphabetEntryTheSourceChose() {
		CodeFormat format = new CodeFormat(4, "X-", null, null, true, null);
		int[] draws = { 0, 25, 26, 51 };
		int[] next = { 0 };

		String value = CodeGenerator.generate(format, bound -> {
			assertThat(bound).isEqualTo(52);
			return draws[next[0]++];
		});

		assertThat(value).isEqualTo("X-AZaz");
	}

	@Provide
	Arbitrary<CodeFormat> formats() {
		Arbitrary<Boolean> flag = Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3);
		return Combinators
			.combine(Arbitraries.integers().between(1, 128), Arbitraries.strings().alpha().numeric().ofMaxLength(10),
					flag, flag, flag, flag)
			.as(CodeFormat::new);
	}

}
