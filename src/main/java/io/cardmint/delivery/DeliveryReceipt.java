package io.cardmint.delivery;

import java.time.Instant;
import java.util.List;

/** What a successful {@link SftpDelivery#deliver} left in the inbox, in upload order. */
public record DeliveryReceipt(Instant deliveredAt, List<DeliveredFile> files) {

	public DeliveryReceipt {
		files = List.copyOf(files);
	}

}
