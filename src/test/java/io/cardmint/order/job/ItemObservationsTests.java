package io.cardmint.order.job;

import io.cardmint.support.MariaDbApplicationTest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Batch's per-item observations are off (a timer per card read and processed), while the
 * job, step and chunk observations that the metrics endpoint reports stay on
 * (application.properties, management.observations.enable.spring.batch.item).
 */
class ItemObservationsTests extends MariaDbApplicationTest {

	@Autowired
	ObservationRegistry registry;

	@Test
	void itemReadAndProcessAreNotObservedButJobsStepsAndChunksAre() {
		assertThat(observed("spring.batch.item.read")).isFalse();
		assertThat(observed("spring.batch.item.process")).isFalse();
		assertThat(observed("spring.batch.job")).isTrue();
		assertThat(observed("spring.batch.step")).isTrue();
		assertThat(observed("spring.batch.chunk.write")).isTrue();
	}

	private boolean observed(String name) {
		return !Observation.createNotStarted(name, this.registry).isNoop();
	}

}
