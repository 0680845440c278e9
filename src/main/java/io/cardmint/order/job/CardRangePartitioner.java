package io.cardmint.order.job;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits an order's card indexes [0, count) into contiguous ranges. Deterministic: a restart
 * calls it again and must get the same keys and ranges, so the split uses the partition
 * count fixed when the order was accepted, never the grid size asked for now.
 */
class CardRangePartitioner implements Partitioner {

	static final String FROM = "from";

	static final String TO = "to";

	private final long count;

	private final int partitions;

	CardRangePartitioner(long count, int partitions) {
		this.count = count;
		this.partitions = (int) Math.max(1, Math.min(partitions, count));
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> ranges = new LinkedHashMap<>();
		for (int i = 0; i < this.partitions; i++) {
			ExecutionContext context = new ExecutionContext();
			context.putLong(FROM, this.count * i / this.partitions);
			context.putLong(TO, this.count * (i + 1) / this.partitions);
			ranges.put(String.format("partition%04d", i), context);
		}
		return ranges;
	}

}
