package io.cardmint.print;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which outbox files belong to an order: what the refusal to start over old outputs and
 * {@code deleteOutputs} act on. Claiming too little leaves stale files beside a rebuild; claiming
 * too much deletes another order's files.
 */
class OutboxNamesTests {

	private final OutboxNames names = new OutboxNames("R7");

	@Test
	void ownsItsSingleNumberedAndControlFilesFinalOrTemporary() {
		assertThat(this.names.owns("R7.csv.pgp")).isTrue();
		assertThat(this.names.owns("R7.control.json")).isTrue();
		assertThat(this.names.owns("R7-0001.csv.pgp")).isTrue();
		// Every digit, the lowest and the highest included, can make up a part number.
		assertThat(this.names.owns("R7-0123.csv.pgp")).isTrue();
		assertThat(this.names.owns("R7-4567.csv.pgp")).isTrue();
		assertThat(this.names.owns("R7-8999.csv.pgp")).isTrue();
		// %04d grows past four digits from part 10000 on.
		assertThat(this.names.owns("R7-10000.csv.pgp")).isTrue();
		assertThat(this.names.owns(".R7.csv.pgp.part")).isTrue();
		assertThat(this.names.owns(".R7-0002.csv.pgp.part")).isTrue();
		assertThat(this.names.owns(".R7.control.json.part")).isTrue();
	}

	@Test
	void ownsNoFileOfAnotherOrderNorAnyOtherName() {
		assertThat(this.names.owns("R77.csv.pgp")).isFalse();
		assertThat(this.names.owns("R7-final.csv.pgp")).isFalse();
		// Part numbers have at least four digits, and only digits.
		assertThat(this.names.owns("R7-001.csv.pgp")).isFalse();
		assertThat(this.names.owns("R7-000a.csv.pgp")).isFalse();
		assertThat(this.names.owns("R7-000/.csv.pgp")).isFalse(); // '/' is the character before '0'
		assertThat(this.names.owns("R7-000:.csv.pgp")).isFalse(); // ':' is the character after '9'
		assertThat(this.names.owns("R7-0001.csv")).isFalse();
		assertThat(this.names.owns("R7.csv.pgp.bak")).isFalse();
		// Hidden but not one of our temporary names, or a temporary name that is not hidden.
		assertThat(this.names.owns(".R7.csv.pgp")).isFalse();
		assertThat(this.names.owns("R7.csv.pgp.part")).isFalse();
	}

	/** Someone else's files in the outbox folder are left alone, even those named like our temporaries. */
	@Test
	void aFileNamedOnlyPartIsNotOurs() {
		assertThat(this.names.owns(".part")).isFalse();
		assertThat(this.names.owns("..part")).isFalse();
	}

	@Test
	void namesTheFilesOfAnOrder() {
		assertThat(this.names.single()).isEqualTo("R7.csv.pgp");
		assertThat(this.names.numbered(3)).isEqualTo("R7-0003.csv.pgp");
		assertThat(this.names.numbered(10000)).isEqualTo("R7-10000.csv.pgp");
		assertThat(this.names.control()).isEqualTo("R7.control.json");
		assertThat(OutboxNames.temporary("R7.csv.pgp")).isEqualTo(".R7.csv.pgp.part");
	}

}
