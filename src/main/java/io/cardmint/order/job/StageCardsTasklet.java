package io.cardmint.order.job;

import io.cardmint.order.ListedCardStager;
import io.cardmint.order.Order;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The job's first step: stages the card ids of an order that lists them, for the partitions to
 * read by index (an order of a numbered range has nothing to stage). The stager commits a batch
 * at a time, so the step runs outside a transaction of its own; restarted, it continues after
 * the last committed batch. A repeated or used card id fails it with a ManifestException, and
 * {@link OrderJobListener} then ends the order {@code rejected}.
 */
class StageCardsTasklet implements Tasklet {

	private final Order order;

	private final ListedCardStager stager;

	StageCardsTasklet(Order order, ListedCardStager stager) {
		this.order = order;
		this.stager = stager;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (this.order.listsCards()) {
			this.stager.stage(this.order);
		}
		return RepeatStatus.FINISHED;
	}

}
