package io.cardmint.code;

/**
 * Where generated codes take their randomness from: a CSPRNG for codes nobody needs to
 * reproduce, or a PRF stream for codes that a restart must regenerate identically.
 */
@FunctionalInterface
public interface RandomSource {

	/**
	 * @return a uniformly distributed value in {@code [0, bound)}, without modulo bias
	 * @throws IllegalArgumentException if bound is not positive
	 */
	int nextInt(int bound);

}
