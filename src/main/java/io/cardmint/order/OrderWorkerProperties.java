package io.cardmint.order;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code cardmint.order.workers} orders run at once in the background, {@code queue} wait. */
@ConfigurationProperties("cardmint.order")
record OrderWorkerProperties(Integer workers, Integer queue) {

	OrderWorkerProperties {
		workers = (workers != null && workers > 0) ? workers : 2;
		queue = (queue != null && queue >= 0) ? queue : 100;
	}

}
