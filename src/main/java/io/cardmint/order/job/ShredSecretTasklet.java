package io.cardmint.order.job;

import io.cardmint.order.Order;
import io.cardmint.order.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Destroys the order's batch secret once its files are delivered (crypto-shredding): from now
 * on nothing can derive a token or PIN of the order again. Also drops the staged card ids.
 */
class ShredSecretTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ShredSecretTasklet.class);

	private final Order order;

	private final Orders orders;

	ShredSecretTasklet(Order order, Orders orders) {
		this.order = order;
		this.orders = orders;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		this.orders.destroySecret(this.order.id());
		this.orders.deleteStaged(this.order.id());
		log.info("Order {}: batch secret destroyed; its tokens and PINs can no longer be reproduced",
				this.order.orderRef());
		return RepeatStatus.FINISHED;
	}

}
