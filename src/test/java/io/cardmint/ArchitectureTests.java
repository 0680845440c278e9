package io.cardmint;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Keeps the feature packages apart: the building blocks know nothing of the features above them. */
class ArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.cardmint");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("io.cardmint.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void buildingBlocksDoNotDependOnFeatures() {
		noClasses().that()
			.resideInAnyPackage("io.cardmint.code..", "io.cardmint.print..", "io.cardmint.delivery..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.cardmint.card..", "io.cardmint.order..", "io.cardmint.payment..",
					"io.cardmint.inbox..", "io.cardmint.cli..", "io.cardmint.web..")
			.check(CLASSES);
	}

	@Test
	void cardsKnowNothingOfOrdersOrPayments() {
		noClasses().that()
			.resideInAPackage("io.cardmint.card..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.cardmint.order..", "io.cardmint.payment..", "io.cardmint.inbox..")
			.check(CLASSES);
	}

	@Test
	void webIsSharedByControllersAndDependsOnNoFeature() {
		noClasses().that()
			.resideInAPackage("io.cardmint.web..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.cardmint.card..", "io.cardmint.order..", "io.cardmint.payment..",
					"io.cardmint.inbox..", "io.cardmint.cli..")
			.check(CLASSES);
	}

	@Test
	void onlyTheEntryPointUsesTheCommandLine() {
		noClasses().that()
			.resideOutsideOfPackages("io.cardmint.cli..")
			.and()
			.doNotHaveFullyQualifiedName(CardmintApplication.class.getName())
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.cardmint.cli..")
			.check(CLASSES);
	}

}
