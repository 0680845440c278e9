package io.cardmint.order.job;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cardmint.delivery.DeliveryReceipt;
import io.cardmint.delivery.SftpDelivery;
import io.cardmint.manufacturer.ManufacturerProperties;
import io.cardmint.manufacturer.Manufacturers;
import io.cardmint.order.Order;
import io.cardmint.order.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Drops the print files, then the control file, in the manufacturer's SFTP inbox. Without
 * SFTP configured the outbox is the hand-over point and the delivery is recorded as local.
 * A restart re-runs the upload; files already complete on the server are left as they are.
 */
class DeliveryTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(DeliveryTasklet.class);

	private final Order order;

	private final Orders orders;

	private final Manufacturers manufacturers;

	private final Path outbox;

	DeliveryTasklet(Order order, Orders orders, Manufacturers manufacturers, Path outbox) {
		this.order = order;
		this.orders = orders;
		this.manufacturers = manufacturers;
		this.outbox = outbox;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		// The step-scoped order is read when this step starts, after the print step recorded its files.
		List<Path> files = new ArrayList<>();
		this.order.printFiles().forEach((file) -> files.add(this.outbox.resolve(file.name())));
		files.add(this.outbox.resolve(this.order.orderRef() + ".control.json"));
		ManufacturerProperties.Manufacturer manufacturer = this.manufacturers.require(this.order.manufacturer());
		if (manufacturer.sftp() == null) {
			this.orders.recordDelivery(this.order.id(),
					Map.of("method", "outbox", "delivered_at", Instant.now().toString(), "directory", this.outbox.toString()));
			log.info("Order {}: no SFTP configured for manufacturer {}; files stay in {}", this.order.orderRef(),
					this.order.manufacturer(), this.outbox);
			return RepeatStatus.FINISHED;
		}
		try (SftpDelivery delivery = new SftpDelivery(manufacturer.sftp())) {
			DeliveryReceipt receipt = delivery.deliver(files);
			this.orders.recordDelivery(this.order.id(), Map.of("method", "sftp", "host",
					manufacturer.sftp().hostPort(), "delivered_at", receipt.deliveredAt().toString(), "files",
					receipt.files()));
			log.info("Order {}: delivered {} files to {}", this.order.orderRef(), receipt.files().size(),
					manufacturer.sftp().hostPort());
		}
		return RepeatStatus.FINISHED;
	}

}
